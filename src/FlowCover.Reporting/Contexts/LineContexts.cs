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

    /// <summary>The index over <paramref name="data"/>'s models (those the report shows). Each
    /// context's set bits are walked once, through a map from probe to the lines it counts, so
    /// the work grows with what the tests ran, not with tests times lines.</summary>
    public static LineContexts Build(CoverageData data, ContextData contexts)
    {
        var names = contexts.Contexts;
        var index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
        var linesByModule = data.Modules.ToDictionary(m => m.Model.Key, m => LinesOfProbes(m.Model), StringComparer.Ordinal);
        var byLine = new Dictionary<(string, int), List<int>>();
        foreach (var set in contexts.Sets)
        {
            if (!linesByModule.TryGetValue(set.ModuleKey, out var linesOf))
                continue;
            var context = index[new ContextName(set.Test, set.Route)];
            var bits = set.Probes;
            for (var b = 0; b < bits.Length; b++)
            {
                if (bits[b] == 0)
                    continue;
                for (var bit = 0; bit < 8; bit++)
                {
                    var probe = b * 8 + bit;
                    if ((bits[b] & (1 << bit)) == 0 || probe >= linesOf.Length || linesOf[probe] is not { } lines)
                        continue;
                    foreach (var line in lines)
                    {
                        if (!byLine.TryGetValue(line, out var list))
                            byLine[line] = list = [];
                        list.Add(context);
                    }
                }
            }
        }
        return new LineContexts(names, byLine.ToDictionary(kv => kv.Key, kv => kv.Value.Distinct().Order().ToArray()));
    }

    /// <summary>Per probe of the module, the (source, line) pairs it counts; null for none.</summary>
    private static List<(string, int)>?[] LinesOfProbes(ModuleModel model)
    {
        var lines = new List<(string, int)>?[model.ProbeCount];
        foreach (var method in model.Methods)
        {
            var path = model.Documents[method.Document];
            foreach (var line in method.Lines)
                foreach (var probe in line.Probes)
                    if (probe >= 0 && probe < lines.Length)
                        (lines[probe] ??= []).Add((path, line.Line));
        }
        return lines;
    }
}
