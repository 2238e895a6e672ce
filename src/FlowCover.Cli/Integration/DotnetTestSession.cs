using System.CommandLine;
using FlowCover.Cli.Config;
using FlowCover.Cli.Projects;
using FlowCover.Cli.Session;
using FlowCover.Cli.Verbs;
using FlowCover.Data;
using FlowCover.Reporting;
using FlowCover.StartupHook;

namespace FlowCover.Cli.Integration;

/// <summary>
/// FlowCover around a <c>dotnet test</c> run it does not start itself: what the test platform
/// integrations (the Microsoft.Testing.Platform extension, the VSTest data collector) call in
/// their own process, before the test host loads the assemblies and after it has exited. It is
/// <c>flowcover test</c> without the build and the <c>dotnet test</c>: the same session (locks,
/// journal, recovery of interrupted runs, the "measuring" lines), the same choice of what is
/// measured (the projects the test assembly references, read from its .deps.json, or
/// flowcover.json's include), the same data file, configured reports and table.
/// </summary>
public sealed class DotnetTestSession : IDisposable
{
    /// <summary>A host's contexts option as the run gave it: its value and how the host names it.</summary>
    public sealed record HostContexts(string Value, ContextsOption Option);

    private readonly TargetLocks _locks;
    private readonly MeasuringSession _measuring;
    private readonly RunRequest _request;
    private readonly FlowCoverConfig? _config;
    private readonly string _root;
    private readonly ReportOptions _report;
    private readonly ParseResult _parse;
    private readonly string _part;
    private readonly IReadOnlyList<string> _testAssemblies;
    private bool _disposed;

    private DotnetTestSession(TargetLocks locks, MeasuringSession measuring, RunRequest request, string part, IReadOnlyList<string> testAssemblies,
        FlowCoverConfig? config, string root, ReportOptions report, ParseResult parse)
    {
        _locks = locks;
        _measuring = measuring;
        _request = request;
        _part = part;
        _testAssemblies = testAssemblies;
        _config = config;
        _root = root;
        _report = report;
        _parse = parse;
    }

    /// <summary>The data file the session writes.</summary>
    public string DataFile => Path.GetFullPath(_request.DataFile);

    /// <summary>
    /// What the test host's environment needs from FlowCover, which the test platform starts
    /// without it: with contexts, the startup hook <c>flowcover test --contexts test</c> gives its
    /// command, after the user's own (<see cref="RouteHook"/>), so that a server in the test host
    /// names each request's route. Asked before the session begins (VSTest asks a data collector
    /// when it loads it); a missing hook is said by <see cref="Begin"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> TestHostEnvironment(HostContexts? contexts) =>
        contexts?.Value == ContextsOption.Test && RouteHook.Find(TextWriter.Null) is { } hook
            ? new Dictionary<string, string> { [StartupHooks.Variable] = StartupHooks.With(Environment.GetEnvironmentVariable(StartupHooks.Variable), hook) }
            : new Dictionary<string, string>();

    /// <summary>
    /// Instruments what <paramref name="testAssemblies"/> measure, restorably. Settings come from
    /// <paramref name="arguments"/> (flowcover test's options: <c>--include</c>, <c>--mode</c>,
    /// <c>--show-missing</c>, ...), else the flowcover.json nearest the first test assembly (or the
    /// current folder), else the defaults; the data file defaults to <c>.flowcover</c> in the
    /// repository root, and this session's own part of it is kept beside it
    /// (<see cref="CoveragePart"/>). Returns null, having said why in one line on
    /// <paramref name="log"/>, when coverage cannot begin: the tests then run as they would
    /// without FlowCover, and this test project's earlier part is dropped from the data file and
    /// the configured reports, so that no earlier result reads as this run's.
    /// <paramref name="contexts"/> is the host's own contexts option, when the run gave it (the
    /// value, and how the host names the option): it is flowcover test's <c>--contexts</c>, so the
    /// test assemblies are instrumented to mark their tests and the part gets its context
    /// database, as under <c>flowcover test --contexts test</c>.
    /// </summary>
    public static DotnetTestSession? Begin(IReadOnlyList<string> testAssemblies, IReadOnlyList<string> arguments, TextWriter log,
        HostContexts? contexts = null)
    {
        BundledSqlite.Register();
        DotnetTestSession? started = null;
        if (contexts is not null && !arguments.Contains("--contexts"))
            arguments = [.. arguments, "--contexts", contexts.Value];
        var exitCode = Guard.Run(() =>
        {
            started = Start(testAssemblies, arguments, new MeasureOptions { Contexts = contexts?.Option ?? ContextsOption.CommandLine }, log);
            return 0;
        }, log);
        if (exitCode != 0 && testAssemblies.Count > 0)
            _ = Guard.Run(() => DropPart(testAssemblies, arguments, log), log);
        return exitCode == 0 ? started : null;
    }

    private static DotnetTestSession Start(IReadOnlyList<string> testAssemblies, IReadOnlyList<string> arguments, MeasureOptions measure, TextWriter log)
    {
        if (testAssemblies.Count == 0)
            throw new UserError("dotnet test: no test assembly to measure; pass a test project or its assembly to dotnet test.");
        var (folders, config, root) = Locate(testAssemblies, readConfig: true);
        var report = new ReportOptions();
        var parse = Parse(arguments, config, root, measure, report);
        // The test host is the command; it is started by the test platform, not by FlowCover.
        IReadOnlyList<IReadOnlyList<string>> commands = [["dotnet", "test", .. testAssemblies]];
        // As flowcover test: --include picks among everything in the test output folders;
        // otherwise the referenced projects' assemblies are measured, and with --contexts the
        // test assemblies too, to mark their tests.
        var request = measure.IncludeGiven(parse, config)
            ? measure.Request(parse, config, root, folders, commands)
            : measure.Request(parse, config, root, [], commands, testAssemblies.SelectMany(ReferencedProjects.Of)
                .Concat(measure.ContextsGiven(parse) ? testAssemblies.Select(Path.GetFullPath) : [])
                .Distinct(StringComparer.Ordinal).ToList());
        // The session measures into this test project's part; the data file combines the parts.
        OutputPaths.CheckFile("--data-file", request.DataFile);
        var part = CoveragePart.PathFor(request.DataFile, testAssemblies);
        Directory.CreateDirectory(Path.GetDirectoryName(part)!);
        var partRequest = request with { DataFile = part };
        // Lock takes the folders of the assemblies measured: these test output folders.
        var locks = MeasuredRun.Lock(partRequest, log);
        try
        {
            return new DotnetTestSession(locks, MeasuredRun.Begin(partRequest, locks, log), request, part, testAssemblies, config, root, report, parse);
        }
        catch
        {
            locks.Dispose();
            throw;
        }
    }

    /// <summary>The test output folders, the flowcover.json that applies (none when
    /// <paramref name="readConfig"/> is false) and the repository root.</summary>
    private static (List<string> Folders, FlowCoverConfig? Config, string Root) Locate(IReadOnlyList<string> testAssemblies, bool readConfig)
    {
        var folders = testAssemblies.Select(a => Path.GetDirectoryName(Path.GetFullPath(a))!).Distinct(StringComparer.Ordinal).ToList();
        var config = readConfig ? ConfigFile.Find(folders[0]) ?? ConfigFile.Find(Directory.GetCurrentDirectory()) : null;
        return (folders, config, RepositoryRoot.Find(folders[0]));
    }

    private static ParseResult Parse(IReadOnlyList<string> arguments, FlowCoverConfig? config, string root, MeasureOptions measure, ReportOptions report)
    {
        var command = new Command("dotnet-test");
        measure.AddTo(command);
        report.AddTo(command, includeInput: false);
        var given = arguments.ToList();
        if (config?.DataFile is null && !given.Contains("--data-file"))
            given.AddRange(["--data-file", Path.Combine(root, CoverageDataFile.DefaultName)]);
        var parse = command.Parse(given);
        if (parse.Errors.Count > 0)
            throw new UserError($"{string.Join(' ', arguments)}: {(parse.UnmatchedTokens.Count > 0 ? $"unknown option or argument '{parse.UnmatchedTokens[0]}'" : parse.Errors[0].Message)}; use the options of 'flowcover test'.");
        return parse;
    }

    /// <summary>After coverage could not begin: removes this test project's part and rewrites
    /// the data file and the configured reports from the other parts, or removes them when none
    /// is left. Where flowcover.json or the options cannot be read, the default data file is
    /// the one cleared.</summary>
    private static int DropPart(IReadOnlyList<string> testAssemblies, IReadOnlyList<string> arguments, TextWriter log)
    {
        var (_, _, root) = Locate(testAssemblies, readConfig: false);
        FlowCoverConfig? config = null;
        var dataFile = Path.Combine(root, CoverageDataFile.DefaultName);
        try
        {
            (_, config, _) = Locate(testAssemblies, readConfig: true);
            var measure = new MeasureOptions();
            var parse = Parse(arguments, config, root, measure, new ReportOptions());
            dataFile = Path.GetFullPath(measure.Request(parse, config, root, [], [], []).DataFile);
        }
        catch (UserError)
        {
            // Said already, by Begin.
        }
        var part = CoveragePart.PathFor(dataFile, testAssemblies);
        if (!File.Exists(part) && !File.Exists(dataFile))
            return 0;
        using var turn = CombinedParts.Turn(dataFile, log);
        CoveragePart.Remove(part);
        if (CombinedParts.Write(dataFile, null, root, log))
            WriteReports(config, dataFile, root, log);
        else
            foreach (var report in config?.Reports.Values ?? [])
                DeleteReport(report);
        return 0;
    }

    /// <summary>The test host runs (its pid is recorded: while it lives, no other FlowCover
    /// treats the session as abandoned); from now on the session holds hits.</summary>
    public void TestHostStarted(int pid) => _measuring.Session.CommandStarted(pid);

    /// <summary>
    /// After the test host exited: restores every file byte for byte, saves this test project's
    /// part, combines it with the other parts into the data file (one line names them), writes
    /// the reports flowcover.json asks for, and prints the coverage table on
    /// <paramref name="output"/>. Returns 0, or 2 when the table's <c>--fail-under</c> is not met
    /// or FlowCover could not finish (said in one line on <paramref name="log"/>).
    /// </summary>
    public int Finish(TextWriter output, TextWriter log)
    {
        return Guard.Run(() =>
        {
            try
            {
                var ran = _measuring.Session.CommandRan;
                var exitCode = _measuring.Finish(0, null, log).ExitCode;
                if (!ran || exitCode != 0)
                    return exitCode;
                CoveragePart.Record(_part, [.. _testAssemblies, .. _measuring.MeasuredFiles]);
                CoverageResult result;
                using (CombinedParts.Turn(DataFile, log))
                {
                    CombinedParts.Write(DataFile, _part, _root, log);
                    WriteReports(_config, DataFile, _root, log);
                    result = ReportInput.Checked(ReportInput.Analyze(CoverageDataFile.Read(DataFile), _root, [], []), DataFile, log);
                }
                return _report.Print(_parse, _config, result, output);
            }
            finally
            {
                Dispose();
            }
        }, log);
    }

    private static void WriteReports(FlowCoverConfig? config, string dataFile, string root, TextWriter log) =>
        MeasureOptions.WriteConfiguredReports(config, dataFile, root, log);

    /// <summary>A configured report (a file, or the HTML report's folder).</summary>
    private static void DeleteReport(string path)
    {
        if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
        else
            File.Delete(path);
    }

    /// <summary>Ends a session that was not finished: its files are restored (when the test host
    /// never ran) or left for the next FlowCover command to restore and save.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _measuring.Dispose();
        _locks.Dispose();
    }
}
