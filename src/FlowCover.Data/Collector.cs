namespace FlowCover.Data;

/// <summary>
/// Turns a data folder (module models + the hit files every process left) into
/// <see cref="CoverageData"/>. Hit files of modules with no model are ignored: they belong to
/// a different session.
/// </summary>
public static class Collector
{
    public static CoverageData Collect(string dataDirectory, CoverageMode mode)
    {
        var models = Directory.EnumerateFiles(dataDirectory, "*" + ModuleModelFile.Extension)
            .Select(ModuleModelFile.Read)
            .ToDictionary(m => m.Key, StringComparer.Ordinal);
        var byKey = new SortedDictionary<string, (ModuleModel Model, long[] Hits)>(StringComparer.Ordinal);
        foreach (var model in models.Values)
            Combiner.Add(byKey, model, new long[model.ProbeCount], mode);
        foreach (var hitFile in Directory.EnumerateFiles(dataDirectory, "*" + HitFile.Extension).Order(StringComparer.Ordinal))
        {
            if (!models.TryGetValue(HitFile.ModuleKeyOf(hitFile), out var model))
                continue;
            var (_, counts) = HitFile.Read(hitFile);
            Combiner.Add(byKey, model, counts, mode);
        }
        return new CoverageData(CoverageData.CurrentVersion, mode,
            byKey.Values.Select(v => new ModuleCoverage(v.Model, v.Hits)).ToList());
    }
}
