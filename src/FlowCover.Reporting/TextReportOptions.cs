namespace FlowCover.Reporting;

/// <summary>The options of the coverage table, as coverage.py's <c>report</c> has them.</summary>
public sealed record TextReportOptions
{
    public bool ShowMissing { get; init; }
    public bool SkipCovered { get; init; }
    public bool SkipEmpty { get; init; }

    /// <summary>A column name (name, stmts, miss, branch, brpart, cover, line%, branch%), '-' first for
    /// descending; null sorts by name.</summary>
    public string? Sort { get; init; }

    /// <summary>Decimal places of Cover, Line% and Branch%.</summary>
    public int Precision { get; init; }

    /// <summary>The columns to show (<see cref="TableColumns.Parse"/>); null for coverage.py's.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    public bool Methods { get; init; }
}
