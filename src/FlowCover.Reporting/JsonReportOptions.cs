namespace FlowCover.Reporting;

/// <summary>The options of <c>flowcover json</c>, as coverage.py's <c>json</c> has them.</summary>
public sealed record JsonReportOptions
{
    /// <summary>When the report was made (default now): <c>meta.timestamp</c>.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Indent the JSON for people; compact by default, as it is mostly read by tools.</summary>
    public bool PrettyPrint { get; init; }

    /// <summary>Decimals of the <c>percent_covered_display</c> fields, as the table's Cover column.</summary>
    public int Precision { get; init; }
}
