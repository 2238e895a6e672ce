using FlowCover.Data;
using FlowCover.Instrumentation;
using FlowCover.StartupHook;

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
/// when flowcover got signal n (docs/sessions.md). The steps before and after the command are
/// <see cref="Lock"/>, <see cref="Begin"/> and <see cref="MeasuringSession.Finish"/>, which the
/// dotnet test integrations call around a test host they do not start themselves.
/// </summary>
internal static class MeasuredRun
{
    public static MeasuredOutcome Execute(RunRequest request, TextWriter log, TargetLocks? held = null)
    {
        if (request.Commands.Count == 0 || request.Commands.Any(c => c.Count == 0))
            throw new UserError("no command to run; put it after '--', e.g. flowcover run --target bin/Debug/net10.0 -- dotnet test --no-build");
        using var locks = Lock(request, log, held);
        using var interruptions = Interruptions.Catch();
        using var measuring = Begin(request, locks, log);
        var exitCode = 0;
        // Several commands (test projects, frameworks) run one after another in one session;
        // the first that fails gives the exit code.
        try
        {
            foreach (var command in request.Commands)
            {
                if (interruptions.Received is not null)
                    break;
                var commandExit = ChildProcess.Run(command, measuring.CommandEnvironment(), interruptions, measuring.Session.CommandStarted);
                exitCode = exitCode != 0 ? exitCode : commandExit;
            }
        }
        catch
        {
            measuring.Session.Journal.Restore();
            throw;
        }
        return measuring.Finish(exitCode, interruptions.Received is null ? null : interruptions.ExitCode, log);
    }

    /// <summary>Takes the locks of every folder the run instruments (the targets, and the folders
    /// of the referenced assemblies <c>flowcover test</c> measures, its test output folders), then
    /// finishes the sessions that interrupted runs left on them. Locks in <paramref name="held"/>
    /// (taken earlier by this process, e.g. before a build) are counted in.</summary>
    public static TargetLocks Lock(RunRequest request, TextWriter log, TargetLocks? held = null)
    {
        OutputPaths.CheckFile("--data-file", request.DataFile);
        var folders = request.Targets
            .Concat(request.Selection.Referenced.Select(file => Path.GetDirectoryName(Path.GetFullPath(file))!))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var locks = TargetLocks.Acquire(folders, log, held);
        try
        {
            Recovery.RecoverAbandoned(log, locks.Names);
        }
        catch
        {
            locks.Dispose();
            throw;
        }
        return locks;
    }

    /// <summary>Starts a session under <paramref name="locks"/> and instruments what the request
    /// selects, saying what it measures; nothing is changed when it throws.</summary>
    public static MeasuringSession Begin(RunRequest request, TargetLocks locks, TextWriter log)
    {
        var dataFile = Path.GetFullPath(request.DataFile);
        var session = RunSession.Start(new SessionRecord(SessionRecord.CurrentVersion, ProcessIdentity.Current,
            request.Targets.Select(Path.GetFullPath).ToList(), locks.Names, dataFile, request.Options.Mode, request.Append, SessionHits.HashOf(dataFile), null));
        try
        {
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
            RunPreflight.Check(prepared, options.Mode, options.Contexts, session, log);
            if (appendTo is not null)
                _ = Combiner.Combine([appendTo, Unmeasured(options.Mode, prepared)]); // Refuses another build of an assembly in it.
            MeasuredAssemblies.Describe(prepared.Select(p => p.Assembly), log);
            InstrumentStep.Apply(prepared, session, cache, modelFiles);
            PhaseClock.Lap("journal, write assemblies and models");
            var hook = options.Contexts ? RouteHook.Find(log) : null;
            return new MeasuringSession(session, locks, prepared, modelFiles, appendTo, hook);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The coverage of the prepared assemblies before anything ran.</summary>
    private static CoverageData Unmeasured(CoverageMode mode, IEnumerable<InstrumentStep.Planned> prepared) =>
        new(CoverageData.CurrentVersion, mode, prepared.Select(p => new ModuleCoverage(p.Assembly.Model, new long[p.Assembly.Model.ProbeCount])).ToList());
}

/// <summary>How a measured run ended: the exit code <see cref="MeasuredRun.Execute"/> gives the
/// user, and the measured assemblies when none of them recorded a hit (else empty).</summary>
internal sealed record MeasuredOutcome(int ExitCode, IReadOnlyList<string> NothingRecordedIn);

/// <summary>A session whose assemblies are instrumented, waiting for the measured command to end.</summary>
/// <param name="routeHook">The startup hook the command's processes load to name routes in
/// their contexts (<see cref="RouteHook"/>); null without contexts.</param>
internal sealed class MeasuringSession(RunSession session, TargetLocks locks, IReadOnlyList<InstrumentStep.Planned> prepared, ModelFiles modelFiles, CoverageData? appendTo,
    string? routeHook) : IDisposable
{
    public RunSession Session { get; } = session;

    /// <summary>The files instrumented (restored by <see cref="Finish"/>).</summary>
    public IEnumerable<string> MeasuredFiles => prepared.SelectMany(p => p.Assembly.Files);

    /// <summary>What the measured command's environment needs: the data folder (for modules
    /// copied where their baked one is not), the locks held for it and, with contexts, the
    /// startup hook after the user's own.</summary>
    public Dictionary<string, string> CommandEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            [ChildProcess.DataDirectoryVariable] = Session.DataDirectory,
            [TargetLocks.HeldVariable] = locks.HeldForCommand(),
        };
        if (routeHook is not null)
            environment[StartupHooks.Variable] = StartupHooks.With(Environment.GetEnvironmentVariable(StartupHooks.Variable), routeHook);
        return environment;
    }

    /// <summary>Restores every file, then saves the hits into the data file. The outcome's exit
    /// code is the command's, or <paramref name="interruptedExitCode"/> when flowcover was
    /// interrupted, or 2 when the hits could not be saved (they are kept for the next
    /// flowcover command); it names the measured assemblies when the hits were saved and none of
    /// them recorded one.</summary>
    public MeasuredOutcome Finish(int exitCode, int? interruptedExitCode, TextWriter log)
    {
        var outcome = Session.Journal.Restore();
        PhaseClock.Lap("run the command, restore");
        if (!Session.CommandRan)
            return new MeasuredOutcome(interruptedExitCode ?? exitCode, []);
        foreach (var entry in outcome.Rebuilt)
            log.WriteLine($"flowcover: warning: {entry.Path} was rebuilt while the command ran, so it ran uninstrumented and is left out of the data unless it recorded hits; " +
                "add --no-build to the command (e.g. dotnet test --no-build)");
        foreach (var entry in outcome.Stranded)
            log.WriteLine($"flowcover: warning: {entry.Path}: still instrumented and its backup is gone; rebuild the project to get a clean copy");
        exitCode = interruptedExitCode ?? exitCode;
        IReadOnlyList<string> nothingRecordedIn;
        try
        {
            nothingRecordedIn = SessionHits.Save(Session, prepared.Select(p => p.Assembly.Model), outcome.Rebuilt.Select(e => e.Module).ToHashSet(), appendTo, log, modelFiles);
        }
        catch (Exception e) when (e is UserError or IOException or UnauthorizedAccessException)
        {
            // The session stays, with its hits, for the next invocation to save; the command's
            // failure is never hidden behind flowcover's, nor its success reported as ours.
            log.WriteLine($"flowcover: {e.Message.TrimEnd('.')}; the hits are kept and saved by the next flowcover command");
            return new MeasuredOutcome(exitCode != 0 ? exitCode : Guard.UserErrorExitCode, []);
        }
        PhaseClock.Lap("write the data file");
        Session.Remove();
        return new MeasuredOutcome(exitCode, nothingRecordedIn);
    }

    /// <summary>Restores and removes the session when its command never ran; leaves it, hits
    /// and all, for the next invocation otherwise.</summary>
    public void Dispose() => Session.Dispose();
}
