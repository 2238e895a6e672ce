using FlowCover.Data;
using Mono.Cecil;

namespace FlowCover.Instrumentation;

/// <summary>
/// Numbers the probes of a module and records what each one means. Bodies that belong to the
/// same user method (a kickoff and its MoveNext) merge into one <see cref="MethodModel"/>.
/// </summary>
internal sealed class ModuleModelBuilder(string key, string assemblyName, string contentHash)
{
    private readonly List<string> _documents = [];
    private readonly Dictionary<(string Type, string Name, int Document), (List<LineProbe> Lines, List<BranchPoint> Branches)> _methods = [];
    private int _probes;

    /// <summary>The probe numbers of one body: one per line site, and per branch site one per
    /// edge (-1 for an edge left unprobed).</summary>
    internal sealed record MethodProbes(IReadOnlyList<int> LineProbes, IReadOnlyList<int[]> EdgeProbes);

    public MethodProbes Add(MethodDefinition body, MethodPlan plan, LambdaAnchors anchors)
    {
        var firstLine = plan.Lines.Min(l => l.Line);
        var name = SourceNames.MethodDisplayName(body, anchors.LineOf(body, firstLine));
        var type = SourceNames.TypeFullName(SourceNames.UserType(SourceNames.KickoffOf(body).DeclaringType));
        var document = DocumentIndex(plan.Lines[0].Document);
        if (!_methods.TryGetValue((type, name, document), out var entry))
            _methods[(type, name, document)] = entry = ([], []);

        var lineProbes = new List<int>();
        foreach (var site in plan.Lines)
        {
            var probe = _probes++;
            lineProbes.Add(probe);
            entry.Lines.Add(new LineProbe(site.Line, [probe]));
        }
        var edgeProbes = new List<int[]>();
        foreach (var site in plan.Branches)
        {
            var edges = Enumerable.Repeat(-1, site.IsValue ? 2 : EdgeCount(site.Branch)).ToArray();
            var outcomes = new List<BranchOutcome>();
            foreach (var outcome in site.Outcomes)
            {
                var probe = _probes++;
                foreach (var edge in outcome.Edges)
                    edges[edge] = probe;
                outcomes.Add(new BranchOutcome(probe, outcome.Label, outcome.TargetLine));
            }
            edgeProbes.Add(edges);
            entry.Branches.Add(new BranchPoint(site.Line, outcomes));
        }
        return new MethodProbes(lineProbes, edgeProbes);
    }

    public ModuleModel Build() => new(key, assemblyName, contentHash, _probes, _documents,
        _methods.OrderBy(m => m.Key.Document).ThenBy(m => m.Value.Lines.Min(l => l.Line)).ThenBy(m => m.Key.Name, StringComparer.Ordinal)
            .Select(m => new MethodModel(m.Key.Type, m.Key.Name, m.Key.Document, m.Value.Lines.Min(l => l.Line),
                MergeLines(m.Value.Lines), m.Value.Branches.OrderBy(b => b.Line).ToList()))
            .ToList());

    private static int EdgeCount(Mono.Cecil.Cil.Instruction branch) =>
        1 + (branch.Operand is Mono.Cecil.Cil.Instruction[] table ? table.Length : 1);

    private static List<LineProbe> MergeLines(IEnumerable<LineProbe> lines) =>
        lines.GroupBy(l => l.Line).OrderBy(g => g.Key)
            .Select(g => new LineProbe(g.Key, g.SelectMany(l => l.Probes).ToList())).ToList();

    private int DocumentIndex(string path)
    {
        var index = _documents.IndexOf(path);
        if (index >= 0)
            return index;
        _documents.Add(path);
        return _documents.Count - 1;
    }
}
