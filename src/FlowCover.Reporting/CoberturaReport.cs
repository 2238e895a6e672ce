using System.Globalization;
using System.Xml;

namespace FlowCover.Reporting;

/// <summary>
/// Cobertura XML (coverage-04.dtd), the format CI services and ReportGenerator read: a package
/// per assembly, a class per user type (namespace-qualified, never a state machine), methods by
/// the names the user wrote, and <c>branch="true"</c> with <c>condition-coverage</c> only on
/// lines with real decisions.
/// </summary>
public static class CoberturaReport
{
    public static void Write(CoverageResult result, TextWriter output, DateTimeOffset? timestamp = null, string? sourceRoot = null)
    {
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, IndentChars = "  " });
        xml.WriteStartDocument();
        xml.WriteDocType("coverage", null, "http://cobertura.sourceforge.net/xml/coverage-04.dtd", null);
        xml.WriteStartElement("coverage");
        WriteRates(xml, result.Files.SelectMany(f => f.Lines).ToList());
        xml.WriteAttributeString("version", "flowcover");
        xml.WriteAttributeString("timestamp", (timestamp ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        xml.WriteStartElement("sources");
        xml.WriteElementString("source", Path.GetFullPath(sourceRoot ?? Directory.GetCurrentDirectory()));
        xml.WriteEndElement();
        xml.WriteStartElement("packages");
        foreach (var package in result.Files.GroupBy(f => f.Assembly).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            xml.WriteStartElement("package");
            xml.WriteAttributeString("name", package.Key);
            WriteRates(xml, package.SelectMany(f => f.Lines).ToList(), totals: false);
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

    private static void WriteClass(XmlWriter xml, FileResult file, string typeName, IReadOnlyList<MethodResult> methods)
    {
        var lineNumbers = methods.SelectMany(m => m.Lines).Select(l => l.Line).ToHashSet();
        var lines = file.Lines.Where(l => lineNumbers.Contains(l.Line)).ToList();
        xml.WriteStartElement("class");
        xml.WriteAttributeString("name", typeName);
        xml.WriteAttributeString("filename", file.Name);
        WriteRates(xml, lines, totals: false);
        xml.WriteStartElement("methods");
        foreach (var method in methods)
        {
            xml.WriteStartElement("method");
            xml.WriteAttributeString("name", MemberName(method.Name, typeName));
            xml.WriteAttributeString("signature", "");
            WriteRates(xml, method.Lines, totals: false);
            WriteLines(xml, method.Lines);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        WriteLines(xml, lines);
        xml.WriteEndElement();
    }

    /// <summary>The method part of a display name: <c>FxService.GetLatestAsync</c> in class
    /// <c>FxApi.Services.FxService</c> is <c>GetLatestAsync</c>.</summary>
    private static string MemberName(string displayName, string typeName)
    {
        var shortType = typeName[(typeName.LastIndexOf('.') + 1)..];
        return displayName.StartsWith(shortType + ".", StringComparison.Ordinal) ? displayName[(shortType.Length + 1)..] : displayName;
    }

    private static void WriteLines(XmlWriter xml, IEnumerable<LineResult> lines)
    {
        xml.WriteStartElement("lines");
        foreach (var line in lines)
        {
            xml.WriteStartElement("line");
            xml.WriteAttributeString("number", line.Line.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("hits", line.Hits.ToString(CultureInfo.InvariantCulture));
            if (line.Outcomes.Count > 0)
            {
                xml.WriteAttributeString("branch", "true");
                var percent = (int)Math.Round(100.0 * line.TakenOutcomes / line.Outcomes.Count);
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

    private static void WriteRates(XmlWriter xml, IReadOnlyList<LineResult> lines, bool totals = true)
    {
        var counts = Counts.Of(lines);
        xml.WriteAttributeString("line-rate", Rate(counts.Executed, counts.Statements));
        xml.WriteAttributeString("branch-rate", Rate(counts.TakenBranches, counts.Branches));
        if (totals)
        {
            xml.WriteAttributeString("lines-covered", counts.Executed.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("lines-valid", counts.Statements.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("branches-covered", counts.TakenBranches.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("branches-valid", counts.Branches.ToString(CultureInfo.InvariantCulture));
        }
        xml.WriteAttributeString("complexity", "0");
    }

    private static string Rate(int part, int whole) =>
        (whole == 0 ? 1.0 : (double)part / whole).ToString("0.####", CultureInfo.InvariantCulture);
}
