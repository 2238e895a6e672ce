using System.CommandLine;
using FlowCover.Data;
using FlowCover.Reporting;

namespace FlowCover.Cli.Verbs;

/// <summary><c>flowcover xml -o coverage.cobertura.xml</c>: Cobertura XML for CI tools and
/// ReportGenerator.</summary>
internal static class XmlVerb
{
    public static Command Create()
    {
        var dataFile = SharedOptions.DataFile();
        var output = new Option<string>("--output", "-o") { Description = "Where to write the XML.", DefaultValueFactory = _ => "coverage.cobertura.xml" };
        var verb = new Command("xml", "Write a Cobertura XML report.") { dataFile, output };
        verb.SetAction(parse => Guard.Run(() =>
        {
            var result = CoverageAnalysis.Analyze(CoverageDataFile.Read(parse.GetValue(dataFile)!));
            var path = parse.GetValue(output)!;
            using (var writer = new StreamWriter(path))
                CoberturaReport.Write(result, writer);
            Console.WriteLine($"Wrote Cobertura XML to {path}");
            return 0;
        }));
        return verb;
    }
}
