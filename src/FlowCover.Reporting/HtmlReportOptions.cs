namespace FlowCover.Reporting;

/// <summary>The options of <c>flowcover html</c>, as coverage.py's <c>html</c> has them.</summary>
public sealed record HtmlReportOptions
{
    /// <summary>The heading of the index page.</summary>
    public string Title { get; init; } = "Coverage report";

    /// <summary>Decimals of the Cover figures.</summary>
    public int Precision { get; init; }

    /// <summary>Leave out files that are 100% covered (they still count in the total).</summary>
    public bool SkipCovered { get; init; }

    /// <summary>Leave out files with no statements.</summary>
    public bool SkipEmpty { get; init; }

    /// <summary>When the report was made (default now), shown in the index footer.</summary>
    public DateTimeOffset? Timestamp { get; init; }
}
