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
        var mode = ModeOf(list);
        var byKey = new SortedDictionary<string, (ModuleModel Model, long[] Hits)>(StringComparer.Ordinal);
        foreach (var module in list.SelectMany(d => d.Modules))
            Add(byKey, module.Model, module.Hits, mode);
        RefuseMixedBuilds(byKey.Values.Select(v => v.Model));
        return new CoverageData(CoverageData.CurrentVersion, mode,
            byKey.Values.Select(v => new ModuleCoverage(v.Model, v.Hits)).ToList());
    }

    /// <summary>The one mode of the inputs that measured anything. Set and count mode number the
    /// probes of the same build differently, so their counters cannot be added up.</summary>
    private static CoverageMode ModeOf(List<CoverageData> inputs)
    {
        var modes = inputs.Where(d => d.Modules.Count > 0).Select(d => d.Mode).Distinct().ToList();
        if (modes.Count > 1)
            throw new UserError("set-mode and count-mode coverage cannot be combined (they number their probes differently); measure with one --mode, or erase the data and run again.");
        return modes.Count == 1 ? modes[0] : inputs.Any(d => d.Mode == CoverageMode.Count) ? CoverageMode.Count : CoverageMode.Set;
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
        else if (entry.Model.ProbeCount != model.ProbeCount)
            throw new UserError($"coverage for {model.AssemblyName} was measured by two different versions of flowcover (their probes differ); erase the data and run again.");
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
