namespace FlowCover.Data.Contexts;

/// <summary>
/// The context sets of a run with contexts: each hit file whose header names a test holds the
/// probes one module ran in that test (docs/per-thread-blocks.md), a file with no name those
/// run with no test in flight, <c>(none)</c>. Files of one test and module (several processes,
/// or a process's blocks) are joined. Read from the same data folder the
/// <see cref="Collector"/> read, for the modules it collected.
/// </summary>
public static class ContextCollector
{
    public const string NoContext = "(none)";

    /// <param name="skipped">Told why each unreadable file was skipped (the collector has already
    /// warned about each, so callers usually pass a no-op).</param>
    public static IReadOnlyList<ContextProbeSet> Collect(string dataDirectory, CoverageData data, Action<string> skipped)
    {
        var probeCounts = data.Modules.ToDictionary(m => m.Model.Key, m => m.Model.ProbeCount, StringComparer.Ordinal);
        var sets = new SortedDictionary<(string Test, string Module), byte[]>(Comparer<(string Test, string Module)>.Create((a, b) =>
            string.CompareOrdinal(a.Test, b.Test) is var byTest and not 0 ? byTest : string.CompareOrdinal(a.Module, b.Module)));
        foreach (var hitFile in Directory.EnumerateFiles(dataDirectory, "*" + HitFile.Extension).Order(StringComparer.Ordinal))
        {
            (CoverageMode Mode, long[] Counts, string? Context) read;
            try
            {
                if (!probeCounts.TryGetValue(HitFile.ModuleKeyOf(hitFile), out _))
                    continue;
                read = HitFile.ReadWithContext(hitFile);
            }
            catch (Exception e) when (e is UserError or IOException or UnauthorizedAccessException)
            {
                skipped(e.Message);
                continue;
            }
            var key = HitFile.ModuleKeyOf(hitFile);
            if (read.Mode != CoverageMode.Set || read.Counts.Length != probeCounts[key] || !read.Counts.Any(c => c != 0))
                continue;
            var test = (read.Context ?? NoContext, key);
            if (!sets.TryGetValue(test, out var bits))
                sets[test] = bits = new byte[ContextBits.BytesFor(read.Counts.Length)];
            for (var i = 0; i < read.Counts.Length; i++)
                if (read.Counts[i] != 0)
                    ContextBits.Set(bits, i);
        }
        return sets.Select(s => new ContextProbeSet(s.Key.Test, null, s.Key.Module, s.Value)).ToList();
    }
}
