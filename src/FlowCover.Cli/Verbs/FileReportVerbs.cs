using System.CommandLine;
using FlowCover.Data;
using FlowCover.Reporting;

namespace FlowCover.Cli.Verbs;

/// <summary>
/// The verbs that write a report file from the data file, all the same shape:
/// <c>xml</c> (Cobertura), <c>lcov</c>, <c>json</c> (-o FILE) and <c>html</c> (-d DIR).
/// </summary>
internal static class FileReportVerbs
{
    public static Command Xml() => ToFile("xml", "Write a Cobertura XML report.", "coverage.cobertura.xml",
        new CoberturaReporter());

    public static Command Lcov() => ToFile("lcov", "Write an LCOV tracefile (genhtml, editors' coverage gutters).", "coverage.lcov",
        new LcovReporter());

    public static Command Json() => ToFile("json", "Write a JSON report (schema: docs/json-schema/flowcover-report.schema.json).", "coverage.json",
        new JsonReporter(new JsonReportOptions { PrettyPrint = true }));

    public static Command Html()
    {
        var dataFile = SharedOptions.DataFile();
        var directory = new Option<string>("--directory", "-d") { Description = "Folder for the site.", DefaultValueFactory = _ => "htmlcov" };
        var title = new Option<string>("--title") { Description = "Title of the report.", DefaultValueFactory = _ => "Coverage report" };
        var skipCovered = new Option<bool>("--skip-covered") { Description = "Leave out files that are 100% covered." };
        var verb = new Command("html", "Write a static HTML report: an index and a page per source file.") { dataFile, directory, title, skipCovered };
        verb.SetAction(parse =>
        {
            OutputPaths.CheckFolder("--directory", parse.GetValue(directory)!);
            var result = ReportInput.Load(parse.GetValue(dataFile)!, Console.Error);
            new HtmlReporter(parse.GetValue(directory)!, new HtmlReportOptions { Title = parse.GetValue(title)!, SkipCovered = parse.GetValue(skipCovered) })
                .Write(result, Console.Out);
            return 0;
        });
        return verb;
    }

    private static Command ToFile(string name, string description, string defaultPath, IReporter reporter)
    {
        var dataFile = SharedOptions.DataFile();
        var output = new Option<string>("--output", "-o") { Description = "Where to write it ('-' for standard output).", DefaultValueFactory = _ => defaultPath };
        var verb = new Command(name, description) { dataFile, output };
        verb.SetAction(parse =>
        {
            var path = parse.GetValue(output)!;
            if (path != "-")
                OutputPaths.CheckFile("--output", path);
            var result = ReportInput.Load(parse.GetValue(dataFile)!, Console.Error);
            if (path == "-")
            {
                reporter.Write(result, Console.Out);
                return 0;
            }
            try
            {
                using (var writer = new StreamWriter(path))
                    reporter.Write(result, writer);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserError($"{path}: cannot write the report ({e.Message}); choose another path with -o.", e);
            }
            Console.WriteLine($"Wrote {name} report to {path}");
            return 0;
        });
        return verb;
    }
}
