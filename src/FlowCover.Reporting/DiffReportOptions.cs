namespace FlowCover.Reporting;

/// <summary>The options of <c>flowcover diff</c>.</summary>
public sealed record DiffReportOptions
{
    /// <summary>A Markdown table for pull-request comments instead of the terminal table.</summary>
    public bool Markdown { get; init; }

    /// <summary>Leave out files whose figures and lines did not change (the default: a diff is
    /// read for what changed); the table then says how many it left out.</summary>
    public bool SkipUnchanged { get; init; } = true;

    /// <summary>Add the newly covered and newly missed line numbers as ranges (<c>12-14, 20</c>).</summary>
    public bool ShowLines { get; init; }

    /// <summary>Decimals of the percentages, as the table's Cover column.</summary>
    public int Precision { get; init; }
}
