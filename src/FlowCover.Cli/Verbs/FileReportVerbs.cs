using System.CommandLine;
using FlowCover.Cli.Config;
using FlowCover.Cli.Projects;
using FlowCover.Data;
using FlowCover.Reporting;

namespace FlowCover.Cli.Verbs;

/// <summary>
/// The verbs that write a report file from the data file, all the same shape:
/// <c>xml</c> (Cobertura), <c>lcov</c>, <c>json</c> (-o FILE) and <c>html</c> (-d DIR); and the
/// reports flowcover.json asks <c>run</c> and <c>test</c> to write.
/// </summary>
internal static class FileReportVerbs
{
    public static Command Xml() => ToFile("xml", "Write a Cobertura XML report.", "coverage.cobertura.xml");

    public static Command Lcov() => ToFile("lcov", "Write an LCOV tracefile (genhtml, editors' coverage gutters).", "coverage.lcov");

    public static Command Json() => ToFile("json", "Write a JSON report (schema: docs/json-schema/flowcover-report.schema.json).", "coverage.json");

    public static Command Html()
    {
        var input = new ReportInput();
        var directory = new Option<string>("--directory", "-d") { Description = "Folder for the site.", DefaultValueFactory = _ => "htmlcov" };
        var title = new Option<string>("--title") { Description = "Title of the report.", DefaultValueFactory = _ => "Coverage report" };
        var skipCovered = new Option<bool>("--skip-covered") { Description = "Leave out files that are 100% covered." };
        var verb = new Command("html", "Write a static HTML report: an index and a page per source file.") { directory, title, skipCovered };
        input.AddTo(verb);
        verb.SetAction(parse =>
        {
            var config = ConfigFile.Find(Directory.GetCurrentDirectory());
            var path = SharedOptions.Pick(parse, directory, config?.Reports.GetValueOrDefault("html"))!;
            OutputPaths.CheckFolder("--directory", path);
            var result = input.Load(parse, config, warnings: Console.Error, lineContexts: true);
            new HtmlReporter(path, new HtmlReportOptions { Title = parse.GetValue(title)!, SkipCovered = SharedOptions.PickValue(parse, skipCovered, config?.SkipCovered) })
                .Write(result, Console.Out);
            return 0;
        });
        return verb;
    }

    /// <summary>Before a run: refuses, in one line, a report path of flowcover.json that could
    /// not be written at the end, so no run is spent for a report that fails after it.</summary>
    public static void CheckConfigured(FlowCoverConfig? config)
    {
        foreach (var (format, path) in config?.Reports ?? new Dictionary<string, string>())
        {
            if (format == "html")
                OutputPaths.CheckFolder("flowcover.json reports.html", path);
            else
                OutputPaths.CheckReportFile($"flowcover.json reports.{format}", path);
        }
    }

    /// <summary>Writes the reports flowcover.json asks for (its <c>reports</c> key), after a run.</summary>
    public static void WriteConfigured(FlowCoverConfig? config, CoverageResult result, string root, TextWriter log)
    {
        foreach (var (format, path) in config?.Reports ?? new Dictionary<string, string>())
        {
            if (format == "html")
            {
                new HtmlReporter(path, new HtmlReportOptions { Title = "Coverage report", SkipCovered = config!.SkipCovered ?? false }).Write(result, log);
                continue;
            }
            var reporter = format == "markdown"
                ? new MarkdownReporter(new TextReportOptions { ShowMissing = config!.ShowMissing ?? false, Precision = config.Precision ?? 0, Columns = config.Columns })
                : FileReporter(format, root);
            WriteFile(path, format, writer => reporter.Write(result, writer));
            log.WriteLine($"Wrote {format} report to {path}");
        }
    }

    /// <summary>The reporter of a file format: xml (Cobertura, whose source element is the
    /// repository root the file names are relative to), lcov or json.</summary>
    private static IReporter FileReporter(string format, string root) => format switch
    {
        "xml" => new CoberturaReporter(sourceRoot: root),
        "lcov" => new LcovReporter(),
        _ => new JsonReporter(new JsonReportOptions { PrettyPrint = true }),
    };

    private static Command ToFile(string name, string description, string defaultPath)
    {
        var input = new ReportInput();
        var output = new Option<string>("--output", "-o") { Description = "Where to write it ('-' for standard output).", DefaultValueFactory = _ => defaultPath };
        var verb = new Command(name, description) { output };
        input.AddTo(verb);
        verb.SetAction(parse =>
        {
            var config = ConfigFile.Find(Directory.GetCurrentDirectory());
            var path = SharedOptions.Pick(parse, output, config?.Reports.GetValueOrDefault(name))!;
            if (path != "-")
                OutputPaths.CheckReportFile("--output", path);
            var result = input.Load(parse, config, warnings: Console.Error, lineContexts: name == "json");
            var reporter = FileReporter(name, RepositoryRoot.Find(Directory.GetCurrentDirectory()));
            if (path == "-")
            {
                reporter.Write(result, Console.Out);
                return 0;
            }
            WriteFile(path, "-o", writer => reporter.Write(result, writer));
            Console.WriteLine($"Wrote {name} report to {path}");
            return 0;
        });
        return verb;
    }

    private static void WriteFile(string path, string option, Action<TextWriter> write)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var writer = new StreamWriter(path);
            write(writer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{path}: cannot write the report ({OutputPaths.Reason(e)}); choose another path{(option == "-o" ? " with -o" : $" for reports.{option} in flowcover.json")}.", e);
        }
    }
}
