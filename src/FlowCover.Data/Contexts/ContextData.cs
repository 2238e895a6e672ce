namespace FlowCover.Data.Contexts;

/// <summary>
/// Everything a context database holds, in memory: the mode the probes were numbered in, the
/// model of every module (so the database answers on its own, without the data file), and one
/// bitset per context and module. <see cref="Sets"/> is sorted by test, route and module key,
/// with at most one set per (test, route, module).
/// </summary>
public sealed record ContextData(CoverageMode Mode, IReadOnlyList<ModuleModel> Modules, IReadOnlyList<ContextProbeSet> Sets)
{
    /// <summary>Every (test, route) pair the data holds, sorted, whether or not it ran a probe.</summary>
    public IReadOnlyList<ContextName> Contexts { get; init; } =
        Sets.Select(s => new ContextName(s.Test, s.Route)).Distinct().Order().ToList();
}

/// <summary>A context's two dimensions: the test, and the route on a server (null outside a
/// request). Sorted by test, then route, ordinally; outside a request first.</summary>
public readonly record struct ContextName(string Test, string? Route) : IComparable<ContextName>
{
    public int CompareTo(ContextName other)
    {
        var byTest = string.CompareOrdinal(Test, other.Test);
        return byTest != 0 ? byTest : string.CompareOrdinal(Route, other.Route);
    }

    /// <summary>What a listing shows: the test, and the route after it when there is one.</summary>
    public override string ToString() => Route is null ? Test : $"{Test} [{Route}]";
}
