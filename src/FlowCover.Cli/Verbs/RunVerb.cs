using System.CommandLine;
using FlowCover.Cli.Config;
using FlowCover.Cli.Projects;
using FlowCover.Cli.Session;
using FlowCover.Data;
using FlowCover.Instrumentation;
using FlowCover.Reporting;

namespace FlowCover.Cli.Verbs;

/// <summary><c>flowcover run --target DIR -- COMMAND...</c>: measure whatever COMMAND runs.</summary>
internal static class RunVerb
{
    public static Command Create(IReadOnlyList<string> command)
    {
        var target = SharedOptions.Target();
        target.Required = true;
        var options = new MeasureOptions();
        var verb = new Command("run", "Instrument the assemblies in --target, run the command given after '--', restore them, and save what ran.") { target };
        options.AddTo(verb);
        verb.SetAction(parse =>
        {
            var config = ConfigFile.Find(Directory.GetCurrentDirectory());
            // Sources anywhere in the repository are measured and named from its root, whichever
            // of its folders flowcover runs in.
            var root = RepositoryRoot.Find(Directory.GetCurrentDirectory());
            var request = options.Request(parse, config, root, parse.GetValue(target)!, [command]);
            var outcome = MeasuredRun.Execute(request, Console.Error);
            NoDataCollected.WarnAfterRun(outcome, Console.Error);
            MeasureOptions.WriteConfiguredReports(config, request, root, Console.Error);
            return outcome.ExitCode;
        });
        return verb;
    }
}

/// <summary>The options of every verb that measures (run, test), each from the command line,
/// else flowcover.json, else its default.</summary>
internal sealed class MeasureOptions
{
    private readonly Option<string[]> _include = SharedOptions.Include();
    private readonly Option<string[]> _exclude = SharedOptions.Exclude();
    private readonly Option<string[]> _source = SharedOptions.Source();
    private readonly Option<string[]> _omit = SharedOptions.Omit();
    private readonly Option<string[]> _excludeByAttribute = SharedOptions.ExcludeByAttribute();
    private readonly Option<CoverageMode> _mode = SharedOptions.Mode();
    private readonly Option<string?> _contexts = SharedOptions.Contexts();
    private readonly Option<string> _dataFile = SharedOptions.DataFile();
    private readonly Option<bool> _append = SharedOptions.Append();
    private readonly Option<bool> _noCache = new("--no-cache")
    {
        Description = "Instrument every assembly afresh, neither using nor filling the cache of instrumented builds.",
    };

    /// <summary>How the host names --contexts, for its error (a dotnet test integration passes
    /// its own option's value as --contexts).</summary>
    public ContextsOption Contexts { get; init; } = ContextsOption.CommandLine;

    public void AddTo(Command verb)
    {
        foreach (var option in new Option[] { _include, _exclude, _source, _omit, _excludeByAttribute, _mode, _contexts, _dataFile, _append, _noCache })
            verb.Options.Add(option);
    }

    /// <summary>Whether --contexts is asked for: the test assemblies are then instrumented too, to
    /// mark their tests.</summary>
    public bool ContextsGiven(ParseResult parse) => parse.GetValue(_contexts) is not null;

    public bool IncludeGiven(ParseResult parse, FlowCoverConfig? config) => Patterns(parse, _include, config?.Include).Count > 0;

    /// <param name="sourceRoot">The folder source globs are relative to; without --source, run
    /// measures the sources under it.</param>
    /// <param name="referenced">For test: the assemblies of the projects the tests reference
    /// (within the repository), measured by default (null for run).</param>
    public RunRequest Request(ParseResult parse, FlowCoverConfig? config, string sourceRoot, IReadOnlyList<string> targets,
        IReadOnlyList<IReadOnlyList<string>> commands, IReadOnlyList<string>? referenced = null)
    {
        static List<Glob> Globs(IEnumerable<string> patterns) => patterns.Select(p => new Glob(p)).ToList();
        // The reports are written after the run: a path that cannot be is refused before it.
        FileReportVerbs.CheckConfigured(config);
        var defaults = new InstrumentOptions { DataDirectory = "" };
        var omit = Globs(Patterns(parse, _omit, config?.Omit));
        var sources = Globs(Patterns(parse, _source, config?.Source));
        var include = Globs(Patterns(parse, _include, config?.Include));
        var options = defaults with
        {
            Mode = SharedOptions.PickValue(parse, _mode, config?.Mode),
            SourceRoot = sourceRoot,
            // An assembly picked by name with --include is measured wherever its sources lie;
            // otherwise (run's assemblies with a PDB, test's referenced projects and extra
            // --target folders) the sources under the repository root are, which keeps out
            // packages that ship PDBs.
            Sources = sources.Count > 0 ? sources : include.Count > 0 ? [new Glob("**")] : [],
            Omit = omit.Count > 0 ? omit : defaults.Omit,
            ExcludeByAttribute = [.. defaults.ExcludeByAttribute, .. Patterns(parse, _excludeByAttribute, config?.ExcludeByAttribute)],
        };
        if (parse.GetValue(_contexts) is { } contexts)
        {
            Contexts.Check(contexts, options.Mode);
            options = options with { Contexts = true };
        }
        var selection = new TargetSelection(include, Globs(Patterns(parse, _exclude, config?.Exclude))) { Referenced = referenced ?? [] };
        if (selection.Include.Count > 0)
            options = options with { SkipReferencing = [] };
        return new RunRequest(targets, selection, options, SharedOptions.Pick(parse, _dataFile, config?.DataFile),
            parse.GetValue(_append), commands, !parse.GetValue(_noCache));
    }

    /// <summary>After a run, the reports flowcover.json asks for, from the data file just written.</summary>
    public static void WriteConfiguredReports(FlowCoverConfig? config, RunRequest request, string root, TextWriter log) =>
        WriteConfiguredReports(config, request.DataFile, root, log);

    public static void WriteConfiguredReports(FlowCoverConfig? config, string dataFile, string root, TextWriter log)
    {
        if (config is not { Reports.Count: > 0 } || !File.Exists(dataFile))
            return;
        var result = ReportInput.Analyze(CoverageDataFile.Read(dataFile), root, [], []);
        // Reports of data that measured nothing would read 100%; the data file's reader says why.
        if (result.Totals.Statements == 0)
            log.WriteLine($"flowcover: {dataFile}: No data to report; the reports flowcover.json asks for were not written.");
        else
            FileReportVerbs.WriteConfigured(config, result, root, log);
    }

    private static IReadOnlyList<string> Patterns(ParseResult parse, Option<string[]> option, IReadOnlyList<string>? configured) =>
        SharedOptions.Given(parse, option) ? parse.GetValue(option) ?? [] : configured ?? [];
}
