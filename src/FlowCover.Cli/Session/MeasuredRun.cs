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
/// The heart of <c>flowcover run</c> and <c>flowcover test</c>: take the targets' locks, finish
/// what interrupted runs left, instrument, run the command, restore every file whatever happened
/// (a file the command rebuilt stays as it is, said in one line), then combine the hit files of
/// every process that ran into the data file. Returns the command's own exit code, or 128 + n
/// when flowcover got signal n (docs/sessions.md).
/// </summary>
internal static class MeasuredRun
{
    public static int Execute(RunRequest request, TextWriter log)
    {
        if (request.Commands.Count == 0 || request.Commands.Any(c => c.Count == 0))
            throw new UserError("no command to run; put it after '--', e.g. flowcover run --target bin/Debug/net10.0 -- dotnet test --no-build");
        var dataFile = Path.GetFullPath(request.DataFile);
        OutputPaths.CheckFile("--data-file", request.DataFile);
        using var locks = TargetLocks.Acquire(request.Targets, log);
        Recovery.RecoverAbandoned(log, locks.Names);
        using var interruptions = Interruptions.Catch();
        using var session = RunSession.Start(new SessionRecord(SessionRecord.CurrentVersion, ProcessIdentity.Current,
            request.Targets.Select(Path.GetFullPath).ToList(), locks.Names, dataFile, request.Options.Mode, request.Append, SessionHits.HashOf(dataFile), null));
        var options = request.Options with { DataDirectory = session.DataDirectory };
        if (options.Contexts)
            File.WriteAllText(SessionHits.ContextsMarker(session), "test\n");
        var cache = request.UseCache ? new Cache.InstrumentationCache(Cache.InstrumentationCache.DefaultRoot) : null;
        // The data --append adds to is read first: a corrupt or old file must stop the run before
        // the command, not after it ran for nothing.
        var appendTo = request.Append && File.Exists(dataFile) ? CoverageDataFile.Read(dataFile) : null;
        PhaseClock.Lap("session, select targets");
        var modelFiles = new ModelFiles();
        var candidates = request.Selection.Candidates(request.Targets).ToList();
        var prepared = InstrumentStep.Prepare(candidates, options, cache, modelFiles, log);
        if (prepared.Count == 0)
            throw NothingToMeasure.Error(request, candidates.Count);
        RunPreflight.Check(prepared, options.Mode, session, log);
        if (appendTo is not null)
            _ = Combiner.Combine([appendTo, Unmeasured(options.Mode, prepared)]); // Refuses another build of an assembly in it.
        MeasuredAssemblies.Describe(prepared.Select(p => p.Assembly), log);
        var exitCode = 0;
        Journal.Outcome outcome;
        try
        {
            InstrumentStep.Apply(prepared, session, cache, modelFiles);
            PhaseClock.Lap("journal, write assemblies and models");
            // Several commands (test projects, frameworks) run one after another in one session;
            // the first that fails gives the exit code.
            foreach (var command in request.Commands)
            {
                if (interruptions.Received is not null)
                    break;
                var commandExit = ChildProcess.Run(command, new Dictionary<string, string>
                {
                    [ChildProcess.DataDirectoryVariable] = session.DataDirectory,
                    [TargetLocks.HeldVariable] = locks.HeldForCommand(),
                }, interruptions, session.CommandStarted);
                exitCode = exitCode != 0 ? exitCode : commandExit;
            }
        }
        finally
        {
            outcome = session.Journal.Restore();
        }
        PhaseClock.Lap("run the command, restore");
        if (!session.CommandRan)
            return interruptions.Received is null ? exitCode : interruptions.ExitCode;
        foreach (var entry in outcome.Rebuilt)
            log.WriteLine($"flowcover: warning: {entry.Path} was rebuilt while the command ran, so it ran uninstrumented and is left out of the data unless it recorded hits; " +
                "add --no-build to the command (e.g. dotnet test --no-build)");
        foreach (var entry in outcome.Stranded)
            log.WriteLine($"flowcover: warning: {entry.Path}: still instrumented and its backup is gone; rebuild the project to get a clean copy");
        exitCode = interruptions.Received is null ? exitCode : interruptions.ExitCode;
        try
        {
            SessionHits.Save(session, prepared.Select(p => p.Assembly.Model), outcome.Rebuilt.Select(e => e.Module).ToHashSet(), appendTo, log, modelFiles);
        }
        catch (Exception e) when (e is UserError or IOException or UnauthorizedAccessException)
        {
            // The session stays, with its hits, for the next invocation to save; the command's
            // failure is never hidden behind flowcover's, nor its success reported as ours.
            log.WriteLine($"flowcover: {e.Message.TrimEnd('.')}; the hits are kept and saved by the next flowcover command");
            return exitCode != 0 ? exitCode : Guard.UserErrorExitCode;
        }
        PhaseClock.Lap("write the data file");
        session.Remove();
        return exitCode;
    }

    /// <summary>The coverage of the prepared assemblies before anything ran.</summary>
    private static CoverageData Unmeasured(CoverageMode mode, IEnumerable<InstrumentStep.Planned> prepared) =>
        new(CoverageData.CurrentVersion, mode, prepared.Select(p => new ModuleCoverage(p.Assembly.Model, new long[p.Assembly.Model.ProbeCount])).ToList());
}
