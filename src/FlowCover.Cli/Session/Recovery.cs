using FlowCover.Data;

namespace FlowCover.Cli.Session;

/// <summary>
/// Finishes the sessions whose owner is gone, as every invocation does first: a session is
/// touched only once neither its flowcover nor its command runs (pid and start time) and its
/// target locks can be taken. Its files go back where they are still the copies FlowCover wrote
/// (a newer build stays), and the hits its processes left are saved to its data file, each
/// said in one line. The rules are in docs/sessions.md.
/// </summary>
internal static class Recovery
{
    /// <summary>Finishes every abandoned session; returns how many files were put back.</summary>
    /// <param name="held">Target locks the caller holds already.</param>
    /// <param name="sayRestored">Whether to say how many files were put back (the restore verb
    /// says it its own way).</param>
    public static int RecoverAbandoned(TextWriter log, IReadOnlyCollection<string> held, bool sayRestored = true)
    {
        SessionStore.Sweep();
        var restored = 0;
        foreach (var folder in SessionStore.Folders())
        {
            try
            {
                restored += Recover(folder, log, held, sayRestored);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or UserError)
            {
                log.WriteLine($"flowcover: warning: {folder}: cannot finish an interrupted run ({e.Message}); run 'flowcover restore' again");
            }
        }
        return restored;
    }

    private static int Recover(string folder, TextWriter log, IReadOnlyCollection<string> held, bool sayRestored)
    {
        if (SessionStore.Read(folder) is not { } listed || listed.IsAlive())
            return 0;
        using var locks = TargetLocks.TryAcquire(listed.Locks, held);
        // Read again under the locks: another invocation may have finished it meanwhile.
        if (locks is null || SessionStore.Read(folder) is not { } record || record.IsAlive())
            return 0;
        var session = RunSession.Resume(folder, record);
        var outcome = session.Journal.Restore();
        var owner = $"an interrupted run (pid {record.Owner.Pid})";
        if (outcome.Restored > 0 && sayRestored)
            log.WriteLine($"flowcover: restored {outcome.Restored} file(s) left instrumented by {owner}");
        foreach (var entry in outcome.ReplacedModules)
            log.WriteLine($"flowcover: {entry.Path} was rebuilt after {owner} instrumented it; the new build stays and its old backup is dropped");
        foreach (var entry in outcome.Stranded)
            log.WriteLine($"flowcover: warning: {entry.Path}: still instrumented by {owner} and its backup is gone; rebuild the project to get a clean copy");
        session.Journal.Forget();
        if ((record.Command is not null || session.HasHits) && SessionHits.HashOf(record.DataFile) == record.DataFileSha256)
        {
            try
            {
                var appendTo = record.Append && File.Exists(record.DataFile) ? CoverageDataFile.Read(record.DataFile) : null;
                SessionHits.Save(session, [], outcome.Replaced.Select(e => e.Module).ToHashSet(), appendTo, log);
                log.WriteLine($"flowcover: saved the hits of {owner} to {record.DataFile}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or UserError)
            {
                log.WriteLine($"flowcover: warning: {record.DataFile}: cannot save the hits of {owner} ({e.Message.TrimEnd('.')}); they are kept in {folder} for the next flowcover command to save");
                return outcome.Restored;
            }
        }
        session.Remove();
        return outcome.Restored;
    }
}
