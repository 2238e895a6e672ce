using FlowCover.Cli.Session;
using FlowCover.Data;
using FlowCover.Data.Contexts;

namespace FlowCover.Cli.Integration;

/// <summary>
/// The data file of <c>dotnet test</c> sessions: the combination of the parts of every test
/// project measured into it (<see cref="CoveragePart"/>), rewritten by each session as it ends,
/// under a lock on the parts folder so that test projects ending at once take turns. The
/// session's own part always counts; another is left out, said in one line with the fix, when
/// its build is no longer on disk, when it cannot be added to the others (another build of a
/// shared assembly, another --mode), or while another session measures it again (that session
/// rewrites the data file when it ends). One line names the other parts combined and when they
/// ran: a run of one test project still shows its siblings' latest coverage, never silently.
/// </summary>
internal static class CombinedParts
{
    /// <summary>The lock under which a session combines the parts of <paramref name="dataFile"/>
    /// and writes the data file and the reports made from it.</summary>
    public static IDisposable Turn(string dataFile, TextWriter log) => TargetLocks.Acquire([CoveragePart.FolderOf(dataFile)], log);

    /// <summary>Rewrites <paramref name="dataFile"/> (and its context database) from its parts,
    /// <paramref name="current"/> (the part of the session that ends, or null) first, under
    /// <see cref="Turn"/>. Returns false when no part is left: the data file and its context
    /// database are then removed, so that no earlier result reads as this run's.</summary>
    public static bool Write(string dataFile, string? current, string root, TextWriter log)
    {
        // One wording for every part left out, whatever the reason.
        void LeftOut(CoveragePart part, string why) =>
            log.WriteLine($"flowcover: warning: left out the coverage {part.Name} recorded {part.When}: {why}; run {part.Name}'s tests again (or flowcover erase to start afresh)");
        var used = new List<CoveragePart>();
        CoverageData? combined = null;
        foreach (var part in CoveragePart.All(dataFile).OrderBy(p => p.Path == current ? 0 : 1).ThenByDescending(p => p.Ran))
        {
            var isCurrent = part.Path == current;
            if (!isCurrent && SessionStore.LiveWriterOf(part.Path) is { } live)
            {
                // Its files are instrumented now; that run rewrites the data file when it ends.
                log.WriteLine($"flowcover: {part.Name} is being measured now (pid {live.Owner.Pid}): its run adds it to {Path.GetRelativePath(root, dataFile)} when it ends");
                continue;
            }
            if (!isCurrent && part.Stale(root) is { } why)
            {
                LeftOut(part, why);
                continue;
            }
            try
            {
                var data = CoverageDataFile.Read(part.Path);
                combined = combined is null ? data : Combiner.Combine([combined, data]);
                used.Add(part);
            }
            catch (UserError e) when (!isCurrent)
            {
                LeftOut(part, e.Message.TrimEnd('.'));
            }
        }
        var contexts = ContextDatabase.PathFor(dataFile);
        if (combined is null)
        {
            File.Delete(dataFile);
            File.Delete(contexts);
            return false;
        }
        CoverageDataFile.Write(dataFile, combined);
        var databases = used.Select(p => ContextDatabase.PathFor(p.Path)).Where(File.Exists).ToList();
        if (databases.Count == 0)
            File.Delete(contexts);
        else
            ContextDatabase.Write(contexts, ContextDatabase.Merge(databases.Select(ContextDatabase.Read)));
        var others = used.Where(p => p.Path != current).Select(p => $"{p.Name} (run {p.When})").ToList();
        if (others.Count > 0)
            log.WriteLine($"flowcover: {Path.GetRelativePath(root, dataFile)} combines {(current is null ? "" : "this run with ")}the latest coverage of {string.Join(", ", others)}");
        return true;
    }
}
