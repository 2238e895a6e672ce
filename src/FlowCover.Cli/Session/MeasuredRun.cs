using FlowCover.Data;
using FlowCover.Instrumentation;

namespace FlowCover.Cli.Session;

/// <summary>What to measure and which command to run while measuring.</summary>
internal sealed record RunRequest(
    IReadOnlyList<string> Targets,
    TargetSelection Selection,
    InstrumentOptions Options,
    string DataFile,
    bool Append,
    IReadOnlyList<IReadOnlyList<string>> Commands,
    bool UseCache);

/// <summary>
/// The heart of <c>flowcover run</c> and <c>flowcover test</c>: instrument, run the command,
/// restore every file whatever happened, then combine the hit files of every process that ran
/// into the data file. Returns the command's own exit code.
/// </summary>
internal static class MeasuredRun
{
    public static int Execute(RunRequest request, TextWriter log)
    {
        if (request.Commands.Count == 0 || request.Commands.Any(c => c.Count == 0))
            throw new UserError("no command to run; put it after '--', e.g. flowcover run --target bin/Debug/net10.0 -- dotnet test --no-build");
        var dataFile = Path.GetFullPath(request.DataFile);
        using var session = RunSession.Start();
        var options = request.Options with { DataDirectory = session.DataDirectory };
        var cache = request.UseCache ? new Cache.InstrumentationCache(Cache.InstrumentationCache.DefaultRoot) : null;
        // The data --append adds to is read first: a corrupt or old file must stop the run before
        // the command, not after it ran for nothing.
        var appendTo = request.Append && File.Exists(dataFile) ? CoverageDataFile.Read(dataFile) : null;
        PhaseClock.Lap("session, select targets");
        var prepared = Instrumentation.Prepare(request.Selection.Candidates(request.Targets), options, cache, log);
        if (appendTo is not null)
            _ = Combiner.Combine([appendTo, Unmeasured(options.Mode, prepared)]); // Refuses another build of an assembly in it.
        MeasuredAssemblies.Describe(prepared.Select(p => p.Assembly.Model), log);
        if (prepared.Count == 0)
            log.WriteLine("flowcover: warning: no assembly to measure under " + string.Join(", ", request.Targets) +
                " (they need a PDB and sources under the repository root; see --include and --source)");
        int exitCode;
        try
        {
            Instrumentation.Apply(prepared, session, cache);
            PhaseClock.Lap("journal, write assemblies and models");
            // Several commands (test projects, frameworks) run one after another in one session;
            // the first that fails gives the exit code.
            exitCode = 0;
            foreach (var command in request.Commands)
            {
                var commandExit = ChildProcess.Run(command, new Dictionary<string, string>
                {
                    [ChildProcess.DataDirectoryVariable] = session.DataDirectory,
                });
                exitCode = exitCode != 0 ? exitCode : commandExit;
            }
        }
        finally
        {
            session.Journal.Restore();
        }
        PhaseClock.Lap("run the command, restore");
        var data = Collector.Collect(session.DataDirectory, options.Mode, prepared.Select(p => p.Assembly.Model));
        PhaseClock.Lap("collect hits");
        if (appendTo is not null)
            data = Combiner.Combine([appendTo, data]);
        CoverageDataFile.Write(dataFile, data);
        PhaseClock.Lap("write the data file");
        return exitCode;
    }

    /// <summary>The coverage of the prepared assemblies before anything ran.</summary>
    private static CoverageData Unmeasured(CoverageMode mode, IEnumerable<Instrumentation.Planned> prepared) =>
        new(CoverageData.CurrentVersion, mode, prepared.Select(p => new ModuleCoverage(p.Assembly.Model, new long[p.Assembly.Model.ProbeCount])).ToList());
}
