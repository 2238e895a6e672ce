using FlowCover.Data;
using Mono.Cecil;

namespace FlowCover.Instrumentation;

/// <summary>
/// Numbers the probes of a module and records what each one means. Bodies that belong to the
/// same user method (a kickoff and its MoveNext) merge into one <see cref="MethodModel"/>.
/// Each body's probes are numbered by themselves first (<see cref="BodyProbes"/>); this takes
/// them in order and moves them to the module's numbering.
/// </summary>
internal sealed class ModuleModelBuilder(string key, string assemblyName, string contentHash)
{
    private readonly List<string> _documents = [];
    private readonly Dictionary<(string Type, string Name, int Document), (List<LineProbe> Lines, List<BranchPoint> Branches)> _methods = [];
    private int _probes;

    /// <summary>Takes the next body's probes into the module's numbering. Bodies come in
    /// metadata order, so the same build is numbered the same every run.</summary>
    public void Add(MethodDefinition body, BodyProbes probes, LambdaAnchors anchors)
    {
        var name = SourceNames.MethodDisplayName(body, () => anchors.LineOf(body, probes.FirstLine));
        var type = SourceNames.TypeFullName(SourceNames.UserType(SourceNames.KickoffOf(body).DeclaringType));
        var document = DocumentIndex(probes.Document);
        var (lines, branches) = probes.Shift(_probes);
        _probes += probes.Count;
        if (_methods.TryGetValue((type, name, document), out var entry))
        {
            entry.Lines.AddRange(lines);
            entry.Branches.AddRange(branches);
        }
        else
        {
            _methods[(type, name, document)] = (lines, branches);
        }
    }

    public ModuleModel Build()
    {
        var methods = _methods.Select(m => (m.Key, m.Value, FirstLine: m.Value.Lines.Min(l => l.Line)))
            .OrderBy(m => m.Key.Document).ThenBy(m => m.FirstLine).ThenBy(m => m.Key.Name, StringComparer.Ordinal)
            .Select(m => new MethodModel(m.Key.Type, m.Key.Name, m.Key.Document, m.FirstLine,
                MergeLines(m.Value.Lines), m.Value.Branches.OrderBy(b => b.Line).ToList()))
            .ToList();
        return new ModuleModel(key, assemblyName, contentHash, _probes, _documents, methods);
    }

    /// <summary>One entry per line in line order, with the probes of every statement on it
    /// (first seen first, each once).</summary>
    private static List<LineProbe> MergeLines(List<LineProbe> lines)
    {
        // A stable sort: probes on a shared line keep the order their statements were added in.
        var order = Enumerable.Range(0, lines.Count).ToArray();
        Array.Sort(order, (a, b) => lines[a].Line != lines[b].Line ? lines[a].Line.CompareTo(lines[b].Line) : a.CompareTo(b));
        var merged = new List<LineProbe>(lines.Count);
        for (var i = 0; i < order.Length;)
        {
            var line = lines[order[i]].Line;
            var end = i + 1;
            while (end < order.Length && lines[order[end]].Line == line)
                end++;
            merged.Add(end == i + 1
                ? lines[order[i]]
                : new LineProbe(line, order[i..end].SelectMany(k => lines[k].Probes).Distinct().ToList()));
            i = end;
        }
        return merged;
    }

    private int DocumentIndex(string path)
    {
        var index = _documents.IndexOf(path);
        if (index >= 0)
            return index;
        _documents.Add(path);
        return _documents.Count - 1;
    }
}
