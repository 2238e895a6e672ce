using System.CommandLine;
using FlowCover.Cli.Config;
using FlowCover.Cli.Projects;
using FlowCover.Cli.Session;
using FlowCover.Cli.Verbs;
using FlowCover.Data;

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
    private readonly TargetLocks _locks;
    private readonly MeasuringSession _measuring;
    private readonly RunRequest _request;
    private readonly FlowCoverConfig? _config;
    private readonly string _root;
    private readonly ReportOptions _report;
    private readonly ParseResult _parse;
    private bool _disposed;

    private DotnetTestSession(TargetLocks locks, MeasuringSession measuring, RunRequest request, FlowCoverConfig? config, string root, ReportOptions report, ParseResult parse)
    {
        _locks = locks;
        _measuring = measuring;
        _request = request;
        _config = config;
        _root = root;
        _report = report;
        _parse = parse;
    }

    /// <summary>The data file the session writes.</summary>
    public string DataFile => Path.GetFullPath(_request.DataFile);

    /// <summary>Variables the test host needs in its environment (the session's data folder).</summary>
    public IReadOnlyDictionary<string, string> TestHostEnvironment => _measuring.CommandEnvironment();

    /// <summary>
    /// Instruments what <paramref name="testAssemblies"/> measure, restorably. Settings come from
    /// <paramref name="arguments"/> (flowcover test's options: <c>--include</c>, <c>--mode</c>,
    /// <c>--show-missing</c>, ...), else the flowcover.json nearest the first test assembly (or the
    /// current folder), else the defaults; the data file defaults to <c>.flowcover</c> in the
    /// repository root. Returns null, having said why in one line on <paramref name="log"/>,
    /// when nothing can be measured: the tests then run as they would without FlowCover.
    /// </summary>
    public static DotnetTestSession? Begin(IReadOnlyList<string> testAssemblies, IReadOnlyList<string> arguments, TextWriter log)
    {
        DotnetTestSession? started = null;
        var exitCode = Guard.Run(() =>
        {
            started = Start(testAssemblies, arguments, log);
            return 0;
        }, log);
        return exitCode == 0 ? started : null;
    }

    private static DotnetTestSession Start(IReadOnlyList<string> testAssemblies, IReadOnlyList<string> arguments, TextWriter log)
    {
        if (testAssemblies.Count == 0)
            throw new UserError("dotnet test: no test assembly to measure; pass a test project or its assembly to dotnet test.");
        var folders = testAssemblies.Select(a => Path.GetDirectoryName(Path.GetFullPath(a))!).Distinct(StringComparer.Ordinal).ToList();
        var config = ConfigFile.Find(folders[0]) ?? ConfigFile.Find(Directory.GetCurrentDirectory());
        var root = RepositoryRoot.Find(folders[0]);
        var measure = new MeasureOptions();
        var report = new ReportOptions();
        var command = new Command("dotnet-test");
        measure.AddTo(command);
        report.AddTo(command, includeInput: false);
        var given = arguments.ToList();
        if (config?.DataFile is null && !given.Contains("--data-file"))
            given.AddRange(["--data-file", Path.Combine(root, CoverageDataFile.DefaultName)]);
        var parse = command.Parse(given);
        if (parse.Errors.Count > 0)
            throw new UserError($"{string.Join(' ', arguments)}: {(parse.UnmatchedTokens.Count > 0 ? $"unknown option or argument '{parse.UnmatchedTokens[0]}'" : parse.Errors[0].Message)}; use the options of 'flowcover test'.");
        // The test host is the command; it is started by the test platform, not by FlowCover.
        IReadOnlyList<IReadOnlyList<string>> commands = [["dotnet", "test", .. testAssemblies]];
        // As flowcover test: --include picks among everything in the test output folders;
        // otherwise the referenced projects' assemblies are measured.
        var request = measure.IncludeGiven(parse, config)
            ? measure.Request(parse, config, root, folders, commands)
            : measure.Request(parse, config, root, [], commands, testAssemblies.SelectMany(ReferencedProjects.Of).Distinct(StringComparer.Ordinal).ToList());
        // Lock takes the folders of the assemblies measured: these test output folders.
        var locks = MeasuredRun.Lock(request, log);
        try
        {
            return new DotnetTestSession(locks, MeasuredRun.Begin(request, locks, log), request, config, root, report, parse);
        }
        catch
        {
            locks.Dispose();
            throw;
        }
    }

    /// <summary>The test host runs (its pid is recorded: while it lives, no other FlowCover
    /// treats the session as abandoned); from now on the session holds hits.</summary>
    public void TestHostStarted(int pid) => _measuring.Session.CommandStarted(pid);

    /// <summary>
    /// After the test host exited: restores every file byte for byte, writes the data file and
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
                var exitCode = _measuring.Finish(0, null, log);
                if (!ran || exitCode != 0)
                    return exitCode;
                MeasureOptions.WriteConfiguredReports(_config, _request, _root, log);
                var result = ReportInput.Checked(ReportInput.Analyze(CoverageDataFile.Read(_request.DataFile), _root, [], []), _request.DataFile, log);
                return _report.Print(_parse, _config, result, output);
            }
            finally
            {
                Dispose();
            }
        }, log);
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
