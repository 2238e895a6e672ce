using FlowCover.Data;
using FlowCover.Data.Contexts;

namespace FlowCover.Reporting.Contexts;

/// <summary>
/// Which contexts ran each source line: the index the JSON and HTML reports write, as numbers
/// into <see cref="Names"/> so a test that ran a thousand lines is named once.
/// </summary>
public sealed class LineContexts
{
    private readonly Dictionary<(string Path, int Line), int[]> _byLine;

    private LineContexts(IReadOnlyList<ContextName> names, Dictionary<(string, int), int[]> byLine)
    {
        Names = names;
        _byLine = byLine;
    }

    /// <summary>Every context, sorted; a line's contexts are indexes into it.</summary>
    public IReadOnlyList<ContextName> Names { get; }

    /// <summary>The contexts that ran line <paramref name="line"/> of the source at
    /// <paramref name="path"/> (as the model names it), ascending.</summary>
    public IReadOnlyList<int> At(string path, int line) => _byLine.GetValueOrDefault((path, line)) ?? [];

    /// <summary>The index over <paramref name="data"/>'s models (those the report shows).</summary>
    public static LineContexts Build(CoverageData data, ContextData contexts)
    {
        var names = contexts.Contexts;
        var index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
        var setsByModule = contexts.Sets.ToLookup(s => s.ModuleKey, StringComparer.Ordinal);
        var byLine = new Dictionary<(string, int), SortedSet<int>>();
        foreach (var module in data.Modules)
        {
            var sets = setsByModule[module.Model.Key].Select(s => (Index: index[new ContextName(s.Test, s.Route)], s.Probes)).ToList();
            if (sets.Count == 0)
                continue;
            foreach (var method in module.Model.Methods)
            {
                var path = module.Model.Documents[method.Document];
                foreach (var line in method.Lines)
                {
                    foreach (var (context, bits) in sets)
                    {
                        if (!line.Probes.Any(p => ContextBits.Has(bits, p)))
                            continue;
                        if (!byLine.TryGetValue((path, line.Line), out var set))
                            byLine[(path, line.Line)] = set = [];
                        set.Add(context);
                    }
                }
            }
        }
        return new LineContexts(names, byLine.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));
    }
}
