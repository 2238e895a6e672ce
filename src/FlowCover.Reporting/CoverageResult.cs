using FlowCover.Data;

namespace FlowCover.Reporting;

/// <summary>
/// The in-memory result every reporter reads: source files with their lines, branch outcomes and
/// methods, counted the way coverage.py counts (Stmts, Miss, Branch, BrPart, Cover).
/// </summary>
public sealed record CoverageResult(CoverageMode Mode, IReadOnlyList<FileResult> Files)
{
    public Counts Totals { get; } = Counts.Sum(Files.Select(f => f.Counts));

    /// <summary>Which tests and routes ran each line, where contexts were recorded and the
    /// report shows them (JSON, HTML); null otherwise.</summary>
    public Contexts.LineContexts? Contexts { get; init; }
}

/// <param name="Path">The source path as the compiler saw it.</param>
/// <param name="Name">The path reports show: relative to the current directory when under it.</param>
/// <param name="Assembly">The assembly the file was compiled into (the first, for a linked file).</param>
public sealed record FileResult(string Path, string Name, string Assembly, IReadOnlyList<LineResult> Lines, IReadOnlyList<MethodResult> Methods)
{
    public Counts Counts { get; } = Counts.Of(Lines);

    /// <summary>Whether the file on disk is still the one that was measured; a report shows a
    /// <see cref="SourceState.Changed"/> file's figures but never marks its lines.</summary>
    public SourceState Source { get; init; } = SourceState.Unchecked;

    /// <summary>Edited after the build: its measured line numbers may be other lines now.</summary>
    public bool IsStale => Source == SourceState.Changed;
}

/// <summary>A line that is a statement: how often it ran and the outcomes of its decisions.</summary>
public sealed record LineResult(int Line, long Hits, IReadOnlyList<OutcomeResult> Outcomes)
{
    public bool Covered => Hits > 0;
    public int TakenOutcomes => Outcomes.Count(o => o.Hits > 0);

    /// <summary>Ran, with some outcomes never taken (coverage.py's "partial"). A line that never
    /// ran is missed, not partial.</summary>
    public bool Partial => Covered && Outcomes.Count > 0 && TakenOutcomes < Outcomes.Count;
}

public sealed record OutcomeResult(string Label, int TargetLine, long Hits);

/// <summary>A method as the user wrote it, with its own lines (a subset of the file's).</summary>
public sealed record MethodResult(string TypeName, string Name, int FirstLine, IReadOnlyList<LineResult> Lines)
{
    public Counts Counts { get; } = Counts.Of(Lines);
}

/// <summary>The figures of a table row.</summary>
/// <param name="PartialBranches">coverage.py's BrPart: untaken outcomes on lines that ran.</param>
public sealed record Counts(int Statements, int Missed, int Branches, int PartialBranches, int MissedBranches)
{
    public int Executed => Statements - Missed;
    public int TakenBranches => Branches - MissedBranches;

    /// <summary>coverage.py's measure: executed statements and taken outcomes over all of both.
    /// Nothing to measure counts as 100%, as coverage.py does.</summary>
    public double Percent => Statements + Branches == 0 ? 100.0 : 100.0 * (Executed + TakenBranches) / (Statements + Branches);

    public static Counts Of(IReadOnlyList<LineResult> lines) => new(
        lines.Count,
        lines.Count(l => !l.Covered),
        lines.Sum(l => l.Outcomes.Count),
        lines.Where(l => l.Partial).Sum(l => l.Outcomes.Count - l.TakenOutcomes),
        lines.Sum(l => l.Outcomes.Count - l.TakenOutcomes));

    public static Counts Sum(IEnumerable<Counts> all) => all.Aggregate(new Counts(0, 0, 0, 0, 0), (a, b) => new Counts(
        a.Statements + b.Statements, a.Missed + b.Missed, a.Branches + b.Branches,
        a.PartialBranches + b.PartialBranches, a.MissedBranches + b.MissedBranches));
}
