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
    /// (first seen first, each once); a line with one statement keeps its entry.</summary>
    private static List<LineProbe> MergeLines(List<LineProbe> lines) =>
        lines.GroupBy(l => l.Line).OrderBy(g => g.Key)
            .Select(g => g.Count() == 1 ? g.First() : new LineProbe(g.Key, g.SelectMany(l => l.Probes).Distinct().ToList()))
            .ToList();

    private int DocumentIndex(string path)
    {
        var index = _documents.IndexOf(path);
        if (index >= 0)
            return index;
        _documents.Add(path);
        return _documents.Count - 1;
    }
}
