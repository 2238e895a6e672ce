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

    /// <summary>The probe numbers of one body: one per line site (-1 for a site implied by
    /// others, which gets no probe of its own); per probed branch
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
        var lineProbes = new int[plan.Lines.Count];
        var probeAt = new Dictionary<int, int>();
        for (var l = 0; l < plan.Lines.Count; l++)
        {
            if (plan.ImpliedLines.ContainsKey(l))
            {
                lineProbes[l] = -1; // Numbered below, from the probes it is implied by.
                continue;
            }
            var site = plan.Lines[l];
            var probe = lineProbes[l] = _probes++;
            probeAt.TryAdd(site.At.Offset, probe);
            entry.Lines.Add(new LineProbe(site.Line, [probe]));
        }
        var entries = EntryCounts(body, probeAt);
        var edgeProbes = new Dictionary<Mono.Cecil.Cil.Instruction, int[]>();
        var outcomeOfEdge = new Dictionary<(Mono.Cecil.Cil.Instruction, int), int>();
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
                    outcomeOfEdge[(only.Branch, only.Edge)] = shared;
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
                if (site.Value is null && outcome.Edges is [var one])
                    outcomeOfEdge[(one.Branch, one.Edge)] = probe;
                outcomes.Add(new BranchOutcome(probe, outcome.Label, outcome.TargetLine));
            }
            if (site.Value is { } value)
                valueProbes.Add((value, outcomes.Select(o => o.Probe).ToArray()));
            entry.Branches.Add(new BranchPoint(site.Line, outcomes));
        }
        foreach (var (l, _) in plan.ImpliedLines)
        {
            var probes = ImpliedBy(l, plan, lineProbes, outcomeOfEdge, []);
            if (probes is not { Count: > 0 })
                probes = [lineProbes[l] = _probes++]; // Not resolvable after all: its own probe.
            entry.Lines.Add(new LineProbe(plan.Lines[l].Line, probes));
        }
        return new MethodProbes(lineProbes, edgeProbes, valueProbes);
    }

    /// <summary>The probes an implied statement's hits are read from: those of its sources,
    /// through implied statements in turn (a statement implied by itself, round a loop, adds
    /// nothing); null when a source has no probe.</summary>
    private static List<int>? ImpliedBy(int line, MethodPlan plan, int[] lineProbes,
        Dictionary<(Mono.Cecil.Cil.Instruction, int), int> outcomeOfEdge, HashSet<int> visiting)
    {
        if (lineProbes[line] >= 0)
            return [lineProbes[line]];
        if (!visiting.Add(line) || !plan.ImpliedLines.TryGetValue(line, out var sources))
            return [];
        var probes = new List<int>();
        foreach (var source in sources)
        {
            if (source.Line is { } other)
            {
                if (ImpliedBy(other, plan, lineProbes, outcomeOfEdge, visiting) is not { } more)
                    return null;
                probes.AddRange(more);
            }
            else if (outcomeOfEdge.TryGetValue((source.Edge!.Branch, source.Edge.Edge), out var probe))
                probes.Add(probe);
            else
                return null;
        }
        return probes.Distinct().Order().ToList();
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
            .Select(g => new LineProbe(g.Key, g.SelectMany(l => l.Probes).Distinct().ToList())).ToList();

    private int DocumentIndex(string path)
    {
        var index = _documents.IndexOf(path);
        if (index >= 0)
            return index;
        _documents.Add(path);
        return _documents.Count - 1;
    }
}
