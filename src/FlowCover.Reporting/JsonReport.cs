using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FlowCover.Data;

namespace FlowCover.Reporting;

/// <summary>
/// The whole result as JSON (<c>flowcover json</c>), for tools and scripts. The shape is a
/// documented, versioned contract: docs/json-schema/flowcover-report.schema.json describes it
/// and a test validates real output against it. Field names follow coverage.py's JSON report
/// (<c>summary.percent_covered</c>, <c>executed_lines</c>, <c>missing_lines</c>...), so a script
/// written for one reads the other with few changes.
/// </summary>
/// <remarks>
/// <see cref="FormatVersion"/> changes only when a field is removed or its meaning changes;
/// new fields may appear without a bump, so readers should ignore fields they do not know.
/// Files are an object keyed by the name the table shows, in table order, so
/// <c>jq '.files["Services/FxService.cs"].summary'</c> works.
/// </remarks>
public static class JsonReport
{
    public const string Format = "flowcover-report";
    public const int FormatVersion = 1;

    public static void Write(CoverageResult result, TextWriter output, JsonReportOptions options) =>
        output.Write(Render(result, options));

    public static string Render(CoverageResult result, JsonReportOptions options)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = options.PrettyPrint,
            // Method names carry generics (Repo<T>); the file is not embedded in HTML, so keep them readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            json.WriteStartObject();
            WriteMeta(json, result, options);
            WriteContextNames(json, result.Contexts);
            json.WriteStartObject("files");
            foreach (var file in result.Files)
                WriteFile(json, file, options.Precision, result.Contexts);
            json.WriteEndObject();
            json.WritePropertyName("totals");
            WriteSummary(json, result.Totals, options.Precision);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteMeta(Utf8JsonWriter json, CoverageResult result, JsonReportOptions options)
    {
        json.WriteStartObject("meta");
        json.WriteString("format", Format);
        json.WriteNumber("format_version", FormatVersion);
        json.WriteString("tool", "FlowCover");
        json.WriteString("tool_version", ToolVersion.Current);
        json.WriteString("timestamp", (options.Timestamp ?? DateTimeOffset.UtcNow).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("mode", result.Mode.Name());
        json.WriteEndObject();
    }

    /// <summary>The contexts the lines' <c>contexts</c> numbers index, when they were recorded.</summary>
    private static void WriteContextNames(Utf8JsonWriter json, Contexts.LineContexts? contexts)
    {
        if (contexts is null)
            return;
        json.WriteStartArray("contexts");
        foreach (var context in contexts.Names)
        {
            json.WriteStartObject();
            json.WriteString("test", context.Test);
            json.WriteString("route", context.Route);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteFile(Utf8JsonWriter json, FileResult file, int precision, Contexts.LineContexts? contexts)
    {
        json.WriteStartObject(file.Name);
        json.WriteString("path", file.Path);
        json.WriteString("assembly", file.Assembly);
        json.WriteBoolean("stale", file.IsStale);
        json.WritePropertyName("summary");
        WriteSummary(json, file.Counts, precision);
        WriteLineNumbers(json, "executed_lines", file.Lines.Where(l => l.Covered));
        WriteLineNumbers(json, "missing_lines", file.Lines.Where(l => !l.Covered));
        json.WriteStartArray("lines");
        foreach (var line in file.Lines)
        {
            json.WriteStartObject();
            json.WriteNumber("line", line.Line);
            json.WriteNumber("hits", line.Hits);
            if (contexts is not null)
            {
                json.WriteStartArray("contexts");
                foreach (var context in contexts.At(file.Path, line.Line))
                    json.WriteNumberValue(context);
                json.WriteEndArray();
            }
            json.WriteStartArray("branches");
            foreach (var outcome in line.Outcomes)
            {
                json.WriteStartObject();
                json.WriteString("label", outcome.Label);
                json.WriteNumber("target_line", outcome.TargetLine);
                json.WriteNumber("hits", outcome.Hits);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("methods");
        foreach (var method in file.Methods)
        {
            json.WriteStartObject();
            json.WriteString("name", method.Name);
            json.WriteString("type", method.TypeName);
            json.WriteNumber("first_line", method.FirstLine);
            json.WritePropertyName("summary");
            WriteSummary(json, method.Counts, precision);
            WriteLineNumbers(json, "executed_lines", method.Lines.Where(l => l.Covered));
            WriteLineNumbers(json, "missing_lines", method.Lines.Where(l => !l.Covered));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>coverage.py's summary fields, plus <c>num_partial_branches</c> as the BrPart column.</summary>
    private static void WriteSummary(Utf8JsonWriter json, Counts counts, int precision)
    {
        json.WriteStartObject();
        json.WriteNumber("num_statements", counts.Statements);
        json.WriteNumber("covered_lines", counts.Executed);
        json.WriteNumber("missing_lines", counts.Missed);
        json.WriteNumber("num_branches", counts.Branches);
        json.WriteNumber("covered_branches", counts.TakenBranches);
        json.WriteNumber("missing_branches", counts.MissedBranches);
        json.WriteNumber("num_partial_branches", counts.PartialBranches);
        json.WriteNumber("percent_covered", counts.Percent);
        json.WriteString("percent_covered_display", CoverFormat.Number(counts.Percent, precision));
        json.WriteEndObject();
    }

    private static void WriteLineNumbers(Utf8JsonWriter json, string name, IEnumerable<LineResult> lines)
    {
        json.WriteStartArray(name);
        foreach (var line in lines)
            json.WriteNumberValue(line.Line);
        json.WriteEndArray();
    }
}
