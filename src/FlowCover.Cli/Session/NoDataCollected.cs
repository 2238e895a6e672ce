namespace FlowCover.Cli.Session;

/// <summary>
/// The warning after a run whose measured assemblies recorded no hit at all. Its report would
/// read 0%, true of what ran, but almost always the sign that the command ran other code than
/// the build flowcover instrumented (a copy, a publish folder, another build), or that the code
/// ran where it could not write its hits (a container without the data folder, a user without
/// write access). As coverage.py says "No data was collected", this says so in one line, with
/// what to check; the data file is still written.
/// </summary>
internal static class NoDataCollected
{
    /// <summary>After <c>flowcover run</c>.</summary>
    public static void WarnAfterRun(MeasuredOutcome outcome, TextWriter log)
    {
        if (outcome.NothingRecordedIn.Count > 0)
            log.WriteLine($"flowcover: warning: No data was collected: the command ran no code of {Names(outcome)}; check that it runs the build in --target, " +
                "not a copy elsewhere, and that a process in a container or under another user can write to the data folder FLOWCOVER_DATA_DIR names (docs/guide/own-process.md).");
    }

    /// <summary>After <c>flowcover test</c>, once tests are known to have run.</summary>
    public static void WarnAfterTests(MeasuredOutcome outcome, TextWriter log)
    {
        if (outcome.NothingRecordedIn.Count > 0)
            log.WriteLine($"flowcover: warning: No data was collected: the tests ran no code of {Names(outcome)}; check that they call it, " +
                "or pass --include NAME.dll for the assemblies they do call.");
    }

    private static string Names(MeasuredOutcome outcome) => string.Join(", ", outcome.NothingRecordedIn);
}
