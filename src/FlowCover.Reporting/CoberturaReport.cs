using System.Globalization;
using System.Xml;

namespace FlowCover.Reporting;

/// <summary>
/// Cobertura XML (coverage-04.dtd), the format CI services and ReportGenerator read.
/// </summary>
/// <remarks>
/// One <c>package</c> per assembly (<see cref="FileResult.Assembly"/>): ReportGenerator shows
/// packages as assemblies, as it does for coverlet's output, so a solution's report groups by
/// project the way its users think of it. Within a package, one <c>class</c> per user type and
/// file (namespace-qualified, never a state machine; a partial type spread over files is one
/// class per file, which ReportGenerator merges back by name). Methods carry the names the
/// user wrote; the model has no parameter types, so <c>signature</c> is empty. <c>complexity</c>
/// is <see cref="MethodResult.Complexity"/> (decisions the user wrote), summed for classes,
/// packages and the report, which ReportGenerator turns into risk hotspots and CRAP scores. Lines carry
/// <c>branch="true"</c> and <c>condition-coverage="50% (1/2)"</c> only where there are real
/// decisions, with the percentage truncated as coverage.py writes it. Output is deterministic
/// apart from <c>timestamp</c>, which tests pass in.
/// </remarks>
public static class CoberturaReport
{
    /// <param name="timestamp">When the report was made (default now); the <c>timestamp</c> attribute.</param>
    /// <param name="sourceRoot">The <c>source</c> element, against which relative file names
    /// resolve (default: the current directory, which <see cref="FileResult.Name"/> is relative to).</param>
    public static void Write(CoverageResult result, TextWriter output, DateTimeOffset? timestamp = null, string? sourceRoot = null)
    {
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n" }))
        {
            xml.WriteStartDocument();
            xml.WriteDocType("coverage", null, "http://cobertura.sourceforge.net/xml/coverage-04.dtd", null);
            xml.WriteStartElement("coverage");
            WriteRates(xml, result.Totals, Complexity(result.Files.SelectMany(f => f.Methods)), totals: true);
            xml.WriteAttributeString("version", ToolVersion.Current);
            xml.WriteAttributeString("timestamp", Number((timestamp ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds()));
            xml.WriteStartElement("sources");
            xml.WriteElementString("source", Path.GetFullPath(sourceRoot ?? Directory.GetCurrentDirectory()));
            xml.WriteEndElement();
            xml.WriteStartElement("packages");
            foreach (var package in result.Files.GroupBy(f => f.Assembly).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                xml.WriteStartElement("package");
                xml.WriteAttributeString("name", package.Key);
                WriteRates(xml, Counts.Sum(package.Select(f => f.Counts)), Complexity(package.SelectMany(f => f.Methods)));
                xml.WriteStartElement("classes");
                foreach (var file in package)
                    foreach (var type in file.Methods.GroupBy(m => m.TypeName).OrderBy(g => g.Key, StringComparer.Ordinal))
                        WriteClass(xml, file, type.Key, type.ToList());
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        // A text file ends with a newline; XmlWriter leaves the last line open.
        output.Write('\n');
    }

    private static void WriteClass(XmlWriter xml, FileResult file, string typeName, IReadOnlyList<MethodResult> methods)
    {
        // The file's merged lines, so a line two methods share (a lambda on its caller's line)
        // is counted once, as the table counts it.
        var lineNumbers = methods.SelectMany(m => m.Lines).Select(l => l.Line).ToHashSet();
        var lines = file.Lines.Where(l => lineNumbers.Contains(l.Line)).ToList();
        xml.WriteStartElement("class");
        xml.WriteAttributeString("name", typeName);
        xml.WriteAttributeString("filename", file.Name);
        WriteRates(xml, Counts.Of(lines), Complexity(methods));
        xml.WriteStartElement("methods");
        foreach (var method in methods)
        {
            xml.WriteStartElement("method");
            xml.WriteAttributeString("name", MemberName(method.Name, typeName));
            xml.WriteAttributeString("signature", "");
            WriteRates(xml, method.Counts, method.Complexity);
            WriteLines(xml, method.Lines);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        WriteLines(xml, lines);
        xml.WriteEndElement();
    }

    /// <summary>The method part of a display name: <c>Outer.Inner.Run</c> in class
    /// <c>App.Outer.Inner</c> is <c>Run</c>; names that do not start with the type (top-level
    /// statements) stay whole.</summary>
    internal static string MemberName(string displayName, string typeName)
    {
        var segments = typeName.Split('.');
        for (var take = segments.Length; take > 0; take--)
        {
            var prefix = string.Join('.', segments[^take..]) + ".";
            if (displayName.StartsWith(prefix, StringComparison.Ordinal) && displayName.Length > prefix.Length)
                return displayName[prefix.Length..];
        }
        return displayName;
    }

    private static void WriteLines(XmlWriter xml, IEnumerable<LineResult> lines)
    {
        xml.WriteStartElement("lines");
        foreach (var line in lines)
        {
            xml.WriteStartElement("line");
            xml.WriteAttributeString("number", Number(line.Line));
            xml.WriteAttributeString("hits", Number(line.Hits));
            if (line.Outcomes.Count > 0)
            {
                xml.WriteAttributeString("branch", "true");
                var percent = 100 * line.TakenOutcomes / line.Outcomes.Count;
                xml.WriteAttributeString("condition-coverage", $"{percent}% ({line.TakenOutcomes}/{line.Outcomes.Count})");
            }
            else
            {
                xml.WriteAttributeString("branch", "false");
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void WriteRates(XmlWriter xml, Counts counts, int complexity, bool totals = false)
    {
        xml.WriteAttributeString("line-rate", Rate(counts.Executed, counts.Statements));
        xml.WriteAttributeString("branch-rate", Rate(counts.TakenBranches, counts.Branches));
        if (totals)
        {
            xml.WriteAttributeString("lines-covered", Number(counts.Executed));
            xml.WriteAttributeString("lines-valid", Number(counts.Statements));
            xml.WriteAttributeString("branches-covered", Number(counts.TakenBranches));
            xml.WriteAttributeString("branches-valid", Number(counts.Branches));
        }
        xml.WriteAttributeString("complexity", Number(complexity));
    }

    /// <summary>A class's, package's or report's complexity: its methods' summed, as coverlet
    /// and ReportGenerator add them up.</summary>
    private static int Complexity(IEnumerable<MethodResult> methods) => methods.Sum(m => m.Complexity);

    /// <summary>A rate with four decimals, as coverage.py writes it; nothing to measure is 1.</summary>
    private static string Rate(int part, int whole) =>
        (whole == 0 ? 1.0 : (double)part / whole).ToString("0.####", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
