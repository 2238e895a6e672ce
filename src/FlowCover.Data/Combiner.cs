namespace FlowCover.Data;

/// <summary>
/// Merges coverage from many processes, runs and machines into one. The result does not depend
/// on the order of the inputs (modules sorted by key, counters summed), so CI shards combine to
/// the same bytes whichever finishes first.
/// </summary>
public static class Combiner
{
    public static CoverageData Combine(IEnumerable<CoverageData> inputs)
    {
        var list = inputs.ToList();
        var mode = list.Any(d => d.Mode == CoverageMode.Count) ? CoverageMode.Count : CoverageMode.Set;
        var byKey = new SortedDictionary<string, (ModuleModel Model, long[] Hits)>(StringComparer.Ordinal);
        foreach (var module in list.SelectMany(d => d.Modules))
            Add(byKey, module.Model, module.Hits, mode);
        RefuseMixedBuilds(byKey.Values.Select(v => v.Model));
        return new CoverageData(CoverageData.CurrentVersion, mode,
            byKey.Values.Select(v => new ModuleCoverage(v.Model, v.Hits)).ToList());
    }

    /// <summary>Adds one module's counters (from a data file or a hit file) into the running total.</summary>
    internal static void Add(
        IDictionary<string, (ModuleModel Model, long[] Hits)> byKey, ModuleModel model, IReadOnlyList<long> hits, CoverageMode mode)
    {
        if (hits.Count != model.ProbeCount)
            throw new UserError($"coverage for {model.AssemblyName} has {hits.Count} counters but its model has {model.ProbeCount}; erase the data and run again.");
        if (!byKey.TryGetValue(model.Key, out var entry))
        {
            entry = (model, new long[model.ProbeCount]);
            byKey[model.Key] = entry;
        }
        for (var i = 0; i < hits.Count; i++)
            entry.Hits[i] = mode == CoverageMode.Set ? Math.Max(entry.Hits[i], Math.Min(hits[i], 1)) : entry.Hits[i] + hits[i];
    }

    private static void RefuseMixedBuilds(IEnumerable<ModuleModel> models)
    {
        foreach (var group in models.GroupBy(m => m.AssemblyName, StringComparer.OrdinalIgnoreCase))
        {
            var builds = group.Select(m => m.ContentHash).Distinct().ToList();
            if (builds.Count > 1)
                throw new UserError(
                    $"{group.Key} was measured in {builds.Count} different builds ({string.Join(", ", builds.Select(h => h[..12]))}); " +
                    "combine only data from one build of it, or erase and run again.");
        }
    }
}
