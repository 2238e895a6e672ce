namespace FlowCover.Data;

/// <summary>
/// Turns a data folder (module models + the hit files every process left) into
/// <see cref="CoverageData"/>. Hit files of modules with no model are ignored: they belong to
/// a different session. A file that cannot be read (cut off, not a hit file, a model damaged)
/// is skipped and named through <c>skipped</c>; every other process's hits are kept.
/// </summary>
public static class Collector
{
    /// <param name="known">Models the caller already holds (the ones it just instrumented):
    /// their files are not parsed again (a large assembly's model is slow to parse).</param>
    /// <param name="skipped">Told why each unreadable file was skipped (the message names it);
    /// without it, an unreadable file is an error.</param>
    public static CoverageData Collect(string dataDirectory, CoverageMode mode, IEnumerable<ModuleModel>? known = null, Action<string>? skipped = null)
    {
        // The same build copied to two folders is one module (its key is its content's hash).
        var models = (known ?? []).DistinctBy(m => m.Key, StringComparer.Ordinal).ToDictionary(m => m.Key, StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(dataDirectory, "*" + ModuleModelFile.Extension))
        {
            if (models.ContainsKey(ModuleModelFile.KeyOf(file)))
                continue;
            if (Readable(file, () => ModuleModelFile.Read(file), skipped) is { } model)
                models[model.Key] = model;
        }
        var byKey = new SortedDictionary<string, (ModuleModel Model, long[] Hits)>(StringComparer.Ordinal);
        foreach (var model in models.Values)
            Combiner.Add(byKey, model, new long[model.ProbeCount], mode);
        foreach (var hitFile in Directory.EnumerateFiles(dataDirectory, "*" + HitFile.Extension).Order(StringComparer.Ordinal))
        {
            if (Readable(hitFile, () => HitFile.ModuleKeyOf(hitFile), skipped) is not { } key || !models.TryGetValue(key, out var model))
                continue;
            if (Readable(hitFile, () => new HitCounts(HitFile.Read(hitFile)), skipped) is not { } read)
                continue;
            var (recorded, counts) = read.Value;
            // A module's hit files are written in the mode it was instrumented in, the run's:
            // another mode is a file from elsewhere, whose counts would be misread as this mode's.
            var problem = recorded != mode
                ? $"{hitFile}: hits recorded in {recorded.Name()} mode, but the run measures in {mode.Name()} mode"
                : counts.Length != model.ProbeCount ? $"{hitFile}: has {counts.Length} counters where its module has {model.ProbeCount}" : null;
            if (problem is not null)
            {
                if (skipped is null)
                    throw new UserError(problem + "; delete the data folder and run again.");
                skipped(problem);
                continue;
            }
            Combiner.Add(byKey, model, counts, mode);
        }
        return new CoverageData(CoverageData.CurrentVersion, mode,
            byKey.Values.Select(v => new ModuleCoverage(v.Model, v.Hits)).ToList());
    }

    /// <summary>A hit file's contents, boxed for <see cref="Readable"/>.</summary>
    private sealed record HitCounts((CoverageMode Mode, long[] Counts) Value);

    private static T? Readable<T>(string path, Func<T> read, Action<string>? skipped)
        where T : class
    {
        try
        {
            return read();
        }
        catch (UserError e) when (skipped is not null)
        {
            skipped(e.Message);
        }
        catch (Exception e) when (skipped is not null && e is IOException or UnauthorizedAccessException)
        {
            skipped!($"{path}: cannot be read ({e.Message})");
        }
        return null;
    }
}
