using FlowCover.Data;

namespace FlowCover.Cli.Config;

/// <summary>The settings of a <c>flowcover.json</c>; null where the file does not set them.
/// Paths are already resolved against the file's folder.</summary>
internal sealed record FlowCoverConfig
{
    public required string Path { get; init; }
    public IReadOnlyList<string>? Include { get; init; }
    public IReadOnlyList<string>? Exclude { get; init; }
    public IReadOnlyList<string>? Source { get; init; }
    public IReadOnlyList<string>? Omit { get; init; }
    public IReadOnlyList<string>? ExcludeByAttribute { get; init; }
    public CoverageMode? Mode { get; init; }
    public double? FailUnder { get; init; }
    public int? Precision { get; init; }
    public bool? ShowMissing { get; init; }
    public bool? SkipCovered { get; init; }
    public bool? SkipEmpty { get; init; }
    public bool? Methods { get; init; }
    public string? Sort { get; init; }

    /// <summary>The table's columns, already checked (<see cref="Reporting.TableColumns.Parse"/>).</summary>
    public IReadOnlyList<string>? Columns { get; init; }
    public string? DataFile { get; init; }

    /// <summary>Report format (html, xml, lcov, json, markdown) to the path to write it to.</summary>
    public IReadOnlyDictionary<string, string> Reports { get; init; } = new Dictionary<string, string>();
}
