namespace FlowCover.Reporting;

/// <summary>
/// How coverage changed between two results (<c>flowcover diff BEFORE AFTER</c>), file by file,
/// matched by the name the table shows.
/// </summary>
/// <remarks>
/// Files come worst first: the largest drop in Cover at the top, the largest gain at the bottom,
/// because the reader of a pull-request comment has to act on regressions, not on gains. Files
/// present on one side only follow, added then removed, by name: they have no delta to rank by.
/// </remarks>
public sealed record CoverageDiff(IReadOnlyList<FileDiff> Files, Counts Before, Counts After)
{
    public double Delta => After.Percent - Before.Percent;
    public int NewlyCovered => Files.Sum(f => f.NewlyCovered.Count);
    public int NewlyMissed => Files.Sum(f => f.NewlyMissed.Count);

    public static CoverageDiff Compare(CoverageResult before, CoverageResult after)
    {
        var old = before.Files.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var now = after.Files.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var files = old.Keys.Union(now.Keys)
            .Select(name => new FileDiff(name, old.GetValueOrDefault(name), now.GetValueOrDefault(name)))
            .OrderBy(f => f.Change)
            .ThenBy(f => f.Delta ?? 0)
            .ThenBy(f => f.Name, HumanOrder.Instance)
            .ToList();
        return new CoverageDiff(files, before.Totals, after.Totals);
    }
}

/// <summary>Whether a file is in both results or one; also the order of the groups in the table.</summary>
public enum FileChange
{
    Both,
    Added,
    Removed,
}

/// <summary>
/// One file before and after (null on the side it is missing from). A line is newly covered
/// when it ran after and did not before (lines new in AFTER included), and newly missed when it
/// is missed after and was not missed before.
/// </summary>
public sealed record FileDiff(string Name, FileResult? Before, FileResult? After)
{
    public FileChange Change => Before is null ? FileChange.Added : After is null ? FileChange.Removed : FileChange.Both;

    /// <summary>Percentage points gained (negative: lost); null for a file on one side only.</summary>
    public double? Delta => Before is null || After is null ? null : After.Counts.Percent - Before.Counts.Percent;

    public IReadOnlyList<int> NewlyCovered { get; } = Lines(After, l => l.Covered, Before);
    public IReadOnlyList<int> NewlyMissed { get; } = Lines(After, l => !l.Covered, Before);

    /// <summary>Nothing about the file changed: same figures and no line changed state.</summary>
    public bool Unchanged => Change == FileChange.Both && Before!.Counts == After!.Counts && NewlyCovered.Count == 0 && NewlyMissed.Count == 0;

    private static List<int> Lines(FileResult? after, Func<LineResult, bool> state, FileResult? before)
    {
        var already = before?.Lines.Where(state).Select(l => l.Line).ToHashSet() ?? [];
        return after?.Lines.Where(l => state(l) && !already.Contains(l.Line)).Select(l => l.Line).ToList() ?? [];
    }
}
