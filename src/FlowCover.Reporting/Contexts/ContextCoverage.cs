using FlowCover.Data;
using FlowCover.Data.Contexts;

namespace FlowCover.Reporting.Contexts;

/// <summary>
/// Coverage limited to what some contexts ran (<c>flowcover report --context PATTERN</c>): the
/// data file's models with, as counters, whether any picked context ran each probe. A context
/// records whether a probe ran, not how often, so in count mode each counter is 0 or 1.
/// </summary>
public static class ContextCoverage
{
    /// <param name="ran">Per module key, the probes the picked contexts ran (<see cref="ContextStore.Union"/>).</param>
    /// <remarks>The contexts must be of the data's mode (the two number probes differently).</remarks>
    public static CoverageData Limit(CoverageData data, IReadOnlyDictionary<string, byte[]> ran) =>
        data with
        {
            Modules = data.Modules.Select(m =>
            {
                var bits = ran.GetValueOrDefault(m.Model.Key);
                var hits = new long[m.Model.ProbeCount];
                if (bits is not null)
                    for (var probe = 0; probe < hits.Length; probe++)
                        hits[probe] = ContextBits.Has(bits, probe) ? 1 : 0;
                return m with { Hits = hits };
            }).ToList(),
        };
}
