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

    /// <summary>The probe numbers of one body: one per line site; per probed branch
    /// instruction one per edge (-1 for an edge left unprobed); and the value sites.</summary>
    internal sealed record MethodProbes(
        IReadOnlyList<int> LineProbes,
        IReadOnlyDictionary<Mono.Cecil.Cil.Instruction, int[]> EdgeProbes,
        IReadOnlyList<(ValueProbe Probe, int[] Outcomes)> ValueProbes);

    public MethodProbes Add(MethodDefinition body, MethodPlan plan, LambdaAnchors anchors)
    {
        var name = SourceNames.MethodDisplayName(body, () => anchors.LineOf(body, plan.Lines.Min(l => l.Line)));
        var type = SourceNames.TypeFullName(SourceNames.UserType(SourceNames.KickoffOf(body).DeclaringType));
        var document = DocumentIndex(plan.Lines[0].Document);
        if (!_methods.TryGetValue((type, name, document), out var entry))
            _methods[(type, name, document)] = entry = ([], []);

        // Instructions by IL offset (unique before probes are written): hashing every
        // instruction object into a dictionary cost more than the numbering itself.
        var lineProbes = new List<int>();
        var probeAt = new Dictionary<int, int>();
        foreach (var site in plan.Lines)
        {
            var probe = _probes++;
            lineProbes.Add(probe);
            probeAt.TryAdd(site.At.Offset, probe);
            entry.Lines.Add(new LineProbe(site.Line, [probe]));
        }
        var entries = EntryCounts(body, probeAt);
        var edgeProbes = new Dictionary<Mono.Cecil.Cil.Instruction, int[]>();
        var valueProbes = new List<(ValueProbe Probe, int[] Outcomes)>();
        foreach (var site in plan.Branches)
        {
            var outcomes = new List<BranchOutcome>();
            foreach (var outcome in site.Outcomes)
            {
                // An outcome whose one edge is the only way into a statement is counted by that
                // statement's probe: no stub, no extra jump on the hot path.
                if (site.Value is null && outcome.Edges is [var only] && only.Target is { } target
                    && probeAt.TryGetValue(target.Offset, out var shared) && entries.GetValueOrDefault(target.Offset) == 1)
                {
                    outcomes.Add(new BranchOutcome(shared, outcome.Label, outcome.TargetLine));
                    continue;
                }
                var probe = _probes++;
                foreach (var edge in outcome.Edges)
                {
                    if (!edgeProbes.TryGetValue(edge.Branch, out var edges))
                    {
                        edgeProbes[edge.Branch] = edges = new int[Filters.EdgeRef.CountOf(edge.Branch)];
                        Array.Fill(edges, -1);
                    }
                    edges[edge.Edge] = probe;
                }
                outcomes.Add(new BranchOutcome(probe, outcome.Label, outcome.TargetLine));
            }
            if (site.Value is { } value)
                valueProbes.Add((value, outcomes.Select(o => o.Probe).ToArray()));
            entry.Branches.Add(new BranchPoint(site.Line, outcomes));
        }
        return new MethodProbes(lineProbes, edgeProbes, valueProbes);
    }

    /// <summary>How many ways control can enter each statement start (by IL offset): jumps,
    /// switch entries, handler starts and the fall-through from the instruction before.</summary>
    private static Dictionary<int, int> EntryCounts(MethodDefinition body, Dictionary<int, int> statementStarts)
    {
        var counts = new Dictionary<int, int>();
        void Enter(Mono.Cecil.Cil.Instruction? target)
        {
            if (target is not null && statementStarts.ContainsKey(target.Offset))
                counts[target.Offset] = counts.GetValueOrDefault(target.Offset) + 1;
        }
        foreach (var instruction in body.Body.Instructions)
        {
            if (instruction.Operand is Mono.Cecil.Cil.Instruction jump)
                Enter(jump);
            else if (instruction.Operand is Mono.Cecil.Cil.Instruction[] table)
                foreach (var entry in table)
                    Enter(entry);
            if (Filters.BranchShapes.FallsThrough(instruction.OpCode))
                Enter(instruction.Next);
        }
        foreach (var handler in body.Body.ExceptionHandlers)
        {
            Enter(handler.HandlerStart);
            Enter(handler.FilterStart);
        }
        return counts;
    }

    public ModuleModel Build() => new(key, assemblyName, contentHash, _probes, _documents,
        _methods.OrderBy(m => m.Key.Document).ThenBy(m => m.Value.Lines.Min(l => l.Line)).ThenBy(m => m.Key.Name, StringComparer.Ordinal)
            .Select(m => new MethodModel(m.Key.Type, m.Key.Name, m.Key.Document, m.Value.Lines.Min(l => l.Line),
                MergeLines(m.Value.Lines), m.Value.Branches.OrderBy(b => b.Line).ToList()))
            .ToList());

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
