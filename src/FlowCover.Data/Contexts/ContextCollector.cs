namespace FlowCover.Data.Contexts;

/// <summary>
/// The context sets of a run with contexts: each hit file block whose header names a test holds
/// the probes one module ran in that test (docs/per-thread-blocks.md), a block with no name those
/// run with no test in flight, <c>(none)</c>. A server's request adds its route after the test,
/// on a line of its own (<see cref="RouteSeparator"/>). Blocks of one context and module (several
/// processes) are joined. Read from the same data folder the
/// <see cref="Collector"/> read, for the modules it collected.
/// </summary>
public static class ContextCollector
{
    public const string NoContext = "(none)";

    /// <summary>Between the test and the route in a hit file's context name: a test's name never holds it.</summary>
    public const char RouteSeparator = '\n';

    /// <param name="skipped">Told why each unreadable file was skipped (the collector has already
    /// warned about each, so callers usually pass a no-op).</param>
    public static IReadOnlyList<ContextProbeSet> Collect(string dataDirectory, CoverageData data, Action<string> skipped)
    {
        var probeCounts = data.Modules.ToDictionary(m => m.Model.Key, m => m.Model.ProbeCount, StringComparer.Ordinal);
        var sets = new SortedDictionary<(ContextName Context, string Module), byte[]>(Comparer<(ContextName Context, string Module)>.Create((a, b) =>
            a.Context.CompareTo(b.Context) is var byContext and not 0 ? byContext : string.CompareOrdinal(a.Module, b.Module)));
        foreach (var hitFile in Directory.EnumerateFiles(dataDirectory, "*" + HitFile.Extension).Order(StringComparer.Ordinal))
        {
            string key;
            IReadOnlyList<(CoverageMode Mode, long[] Counts, string? Context)> blocks;
            try
            {
                key = HitFile.ModuleKeyOf(hitFile);
                if (!probeCounts.ContainsKey(key))
                    continue;
                blocks = HitFile.ReadBlocks(hitFile);
            }
            catch (Exception e) when (e is UserError or IOException or UnauthorizedAccessException)
            {
                skipped(e.Message);
                continue;
            }
            foreach (var (mode, counts, context) in blocks)
            {
                if (mode != CoverageMode.Set || counts.Length != probeCounts[key] || !counts.Any(c => c != 0))
                    continue;
                var test = (NameOf(context), key);
                if (!sets.TryGetValue(test, out var bits))
                    sets[test] = bits = new byte[ContextBits.BytesFor(counts.Length)];
                for (var i = 0; i < counts.Length; i++)
                    if (counts[i] != 0)
                        ContextBits.Set(bits, i);
            }
        }
        return sets.Select(s => new ContextProbeSet(s.Key.Context.Test, s.Key.Context.Route, s.Key.Module, s.Value)).ToList();
    }

    /// <summary>The test and route a hit file's header names: <c>test</c>, or <c>test\nroute</c>.</summary>
    public static ContextName NameOf(string? context)
    {
        if (context is null)
            return new ContextName(NoContext, null);
        var separator = context.IndexOf(RouteSeparator, StringComparison.Ordinal);
        return separator < 0 ? new ContextName(context, null) : new ContextName(context[..separator], context[(separator + 1)..]);
    }
}
