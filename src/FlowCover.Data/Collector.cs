namespace FlowCover.Data;

/// <summary>
/// Turns a data folder (module models + the hit files every process left) into
/// <see cref="CoverageData"/>. Hit files of modules with no model are ignored: they belong to
/// a different session.
/// </summary>
public static class Collector
{
    /// <param name="known">Models the caller already holds (the ones it just instrumented):
    /// their files are not parsed again, which for a large assembly took longer than running it.</param>
    public static CoverageData Collect(string dataDirectory, CoverageMode mode, IEnumerable<ModuleModel>? known = null)
    {
        // The same build copied to two folders is one module (its key is its content's hash).
        var models = (known ?? []).DistinctBy(m => m.Key, StringComparer.Ordinal).ToDictionary(m => m.Key, StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(dataDirectory, "*" + ModuleModelFile.Extension))
        {
            if (models.ContainsKey(ModuleModelFile.KeyOf(file)))
                continue;
            var model = ModuleModelFile.Read(file);
            models[model.Key] = model;
        }
        var byKey = new SortedDictionary<string, (ModuleModel Model, long[] Hits)>(StringComparer.Ordinal);
        foreach (var model in models.Values)
            Combiner.Add(byKey, model, new long[model.ProbeCount], mode);
        foreach (var hitFile in Directory.EnumerateFiles(dataDirectory, "*" + HitFile.Extension).Order(StringComparer.Ordinal))
        {
            if (!models.TryGetValue(HitFile.ModuleKeyOf(hitFile), out var model))
                continue;
            var (recorded, counts) = HitFile.Read(hitFile);
            // A module's hit files are written in the mode it was instrumented in, the run's:
            // another mode is a file from elsewhere, whose counts would be misread as this mode's.
            if (recorded != mode)
                throw new UserError($"{hitFile}: hits recorded in {recorded.Name()} mode, but the run measures in {mode.Name()} mode; delete the data folder and run again.");
            Combiner.Add(byKey, model, counts, mode);
        }
        return new CoverageData(CoverageData.CurrentVersion, mode,
            byKey.Values.Select(v => new ModuleCoverage(v.Model, v.Hits)).ToList());
    }
}
