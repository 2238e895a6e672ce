namespace FlowCover.Data;

/// <summary>
/// Everything a report needs, in one file (<c>.flowcover</c>): the model of each measured module
/// and its counters, summed over every process and run that was combined into it.
/// </summary>
public sealed record CoverageData(int Version, CoverageMode Mode, IReadOnlyList<ModuleCoverage> Modules)
{
    /// <summary>2: a branch outcome has a list of probes (<c>probes</c>), not one (<c>probe</c>).</summary>
    public const int CurrentVersion = 2;

    public static CoverageData Empty(CoverageMode mode) => new(CurrentVersion, mode, []);
}

/// <summary>One module's model and counters (probe index to count; 0/1 in set mode).</summary>
public sealed record ModuleCoverage(ModuleModel Model, IReadOnlyList<long> Hits);
