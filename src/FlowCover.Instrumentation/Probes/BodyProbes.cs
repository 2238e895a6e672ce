using System.Runtime.InteropServices;
using FlowCover.Data;
using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Probes;

/// <summary>
/// The probes of one body: where they go and what they count, numbered from 0 by
/// <see cref="Number"/> on whichever thread planned the body, then moved to the module's
/// numbering by <see cref="Shift"/> when the module builder takes the bodies in order. Numbering
/// needs nothing but the body and its plan, so it runs beside the reading of the next body; only
/// the shift, a few additions, is sequential. It keeps only what writing the probes needs, and
/// the plan (every outcome, label and edge) is garbage once it is made, so the collector does
/// not go through it again and again until the assembly is written.
/// </summary>
internal sealed class BodyProbes
{
    // Collected while numbering, then recorded as the module model's lines and decisions. Sized
    // by the plan (at most one per line site, one per decision) rather than grown, for every body.
    private List<NumberedLine>? _lines;
    private List<NumberedDecision>? _branches;

    // Given to the module model by Shift, and dropped then.
    private BodyModel? _model;

    // The source file of the body's first statement: the first of its model's parts.
    private readonly string _document;

    private BodyProbes(MethodPlan plan, Instruction[] original)
    {
        Original = original;
        LineProbes = new int[plan.Lines.Count];
        LineStarts = new Instruction[plan.Lines.Count];
        _lines = new List<NumberedLine>(plan.Lines.Count);
        _branches = new List<NumberedDecision>(plan.Branches.Count);
        FirstLine = int.MaxValue;
        for (var l = 0; l < LineStarts.Length; l++)
        {
            LineStarts[l] = plan.Lines[l].At;
            FirstLine = Math.Min(FirstLine, plan.Lines[l].Line);
            if (plan.Lines[l].OnFallThrough)
                (OnFallThrough ??= new bool[LineStarts.Length])[l] = true;
        }
        LoopEntries = plan.LoopEntries;
        _document = plan.Lines[0].Document;
    }

    /// <summary>The body's instructions as planned, in order, before any probe.</summary>
    public Instruction[] Original { get; }

    /// <summary>The instruction each line site's probe goes before, as in the plan.</summary>
    public Instruction[] LineStarts { get; }

    /// <summary>Per line site, whether its probe goes only on the fall-through into its
    /// instruction (<see cref="LineSite.OnFallThrough"/>); null when no site's does.</summary>
    public bool[]? OnFallThrough { get; }

    /// <summary>The plan's loop headers whose probes go where the loop is entered.</summary>
    public IReadOnlyDictionary<Instruction, IReadOnlyList<EntryPlacement>> LoopEntries { get; }

    /// <summary>The first line of the body's statements (the fallback line of a lambda).</summary>
    public int FirstLine { get; }

    /// <summary>How many probes the body uses.</summary>
    public int Count { get; private set; }

    /// <summary>One per line site of the plan; -1 for a site implied by others, which gets no
    /// probe of its own.</summary>
    public int[] LineProbes { get; }

    /// <summary>Per probed branch instruction, one per edge (-1 for an edge left unprobed).</summary>
    public Dictionary<Instruction, int[]> EdgeProbes { get; } = [];

    /// <summary>Per branch instruction, one list per edge (empty for none): the probes of
    /// statements counted on edges (<see cref="LineSite.Through"/>), run on the edge beside an
    /// outcome's. Several where a statement is counted on a way past another that is counted there
    /// too (an inner loop's <c>break;</c> threaded past the outer one's, in count mode).</summary>
    public Dictionary<Instruction, int[][]> LineEdgeProbes { get; } = [];

    /// <summary>The value sites, with their outcomes' probes in label order.</summary>
    public List<ProbedValue> ValueProbes { get; } = [];

    /// <param name="shareEdges">Whether an outcome that is the one way into a statement is
    /// counted by that statement's probe (off only for the reference the tests compare with).</param>
    /// <param name="original">The body's instructions, in order, as planned.</param>
    /// <param name="counts">Count mode: an outcome of several probes is marked as read by their
    /// sum (<see cref="BranchOutcome.Sum"/>); there each probe counts edges of its own
    /// (<see cref="ProbesOf"/>), outcomes being read from others' only in set mode.</param>
    public static BodyProbes Number(MethodDefinition body, MethodPlan plan, Instruction[] original, bool shareEdges = true, bool counts = false)
    {
        var probes = new BodyProbes(plan, original);
        probes.NumberLines(plan, out var probeAt);
        var outcomeOfEdge = probes.NumberBranches(body, plan, shareEdges ? probeAt : []);
        probes.NumberThroughEdges();
        probes.NumberImpliedLines(plan, outcomeOfEdge);
        probes.RecordModel(counts);
        return probes;
    }

    /// <summary>The lines and decisions as the module model records them, in the body's own
    /// numbering, for <see cref="Shift"/> to move in place: built here, beside the reading of the
    /// next body, rather than in the sequential shift. Each goes under its own file: nearly
    /// always the body's one, but a constructor's field initializers may lie in other files of a
    /// partial class, at line numbers that mean other code there.</summary>
    private void RecordModel(bool counts)
    {
        var parts = new List<BodyPart>(1) { new(_document, new List<LineProbe>(_lines!.Count), new List<BranchPoint>(_branches!.Count)) };
        foreach (var (line, document, probes) in _lines)
            PartOf(parts, document).Lines.Add(new LineProbe(line, ProbeList.Create(CollectionsMarshal.AsSpan(probes))));
        foreach (var (line, document, outcomes) in _branches)
        {
            var recorded = new BranchOutcome[outcomes.Count];
            for (var o = 0; o < recorded.Length; o++)
                recorded[o] = new BranchOutcome(ProbeList.Create(outcomes[o].Probes), outcomes[o].Label, outcomes[o].TargetLine)
                {
                    Sum = counts && outcomes[o].Probes.Length > 1,
                };
            PartOf(parts, document).Branches.Add(new BranchPoint(line, recorded));
        }
        _model = new BodyModel(parts);
        _lines = null;
        _branches = null;
    }

    /// <summary>The part of <paramref name="document"/>, added when it is the first of its file.</summary>
    private static BodyPart PartOf(List<BodyPart> parts, string document)
    {
        for (var p = 0; p < parts.Count; p++)
            if (parts[p].Document == document)
                return parts[p];
        var part = new BodyPart(document, [], []);
        parts.Add(part);
        return part;
    }

    /// <summary>Moves every probe number up by <paramref name="first"/>, the module's next free
    /// probe, and gives the lines and decisions as the module model records them.</summary>
    public BodyModel Shift(int first)
    {
        if (_model is not { } model)
            throw new InvalidOperationException("a body's probes are shifted once");
        Add(LineProbes, first);
        foreach (var edges in EdgeProbes.Values)
            Add(edges, first);
        foreach (var edges in LineEdgeProbes.Values)
            foreach (var probes in edges)
                Add(probes, first);
        foreach (var (_, outcomes) in ValueProbes)
            Add(outcomes, first);
        foreach (var part in model.Parts)
        {
            foreach (ref var line in CollectionsMarshal.AsSpan(part.Lines))
                line = line with { Probes = line.Probes.Shifted(first) };
            foreach (var branch in part.Branches)
                foreach (ref var outcome in ((BranchOutcome[])branch.Outcomes).AsSpan()) // Made by RecordModel.
                    outcome = outcome with { Probes = outcome.Probes.Shifted(first) };
        }
        _model = null;
        return model;
    }

    private static void Add(int[] probes, int first)
    {
        for (var i = 0; i < probes.Length; i++)
            if (probes[i] >= 0)
                probes[i] += first;
    }

    private void NumberLines(MethodPlan plan, out Dictionary<int, int> probeAt)
    {
        // Instructions by IL offset (unique before probes are written), which is cheaper than
        // hashing every instruction object into a dictionary.
        probeAt = [];
        for (var l = 0; l < plan.Lines.Count; l++)
        {
            if (plan.ImpliedLines.ContainsKey(l))
            {
                LineProbes[l] = -1; // Numbered below, from the probes it is implied by.
                continue;
            }
            var site = plan.Lines[l];
            if (site.OnEdgesOnly)
            {
                LineProbes[l] = -1; // Counted on its edges alone, numbered once the outcomes are.
                _lines!.Add(new NumberedLine(site.Line, site.Document, []));
                (_through ??= []).Add((_lines.Count - 1, null, site.Through!));
                continue;
            }
            if (site.CopyOf is { } original && OwnProbeAt(plan, l, original) is { } shared)
            {
                LineProbes[l] = shared; // A copy of a statement: its counter, and no line of its own.
                probeAt.Remove(original.Offset); // The counter now counts more than the ways into the original.
                continue;
            }
            var probe = LineProbes[l] = Count++;
            // A probe on an edge into an instruction does not count every way into it, and one
            // also counted on other edges counts more than those ways.
            if (!site.OnFallThrough && site.Through is null)
                probeAt.TryAdd(site.At.Offset, probe);
            _lines!.Add(new NumberedLine(site.Line, site.Document, [probe]));
            if (site.Through is { } through)
                (_through ??= []).Add((_lines.Count - 1, probe, through));
        }
    }

    // The lines (by index into _lines) also counted on edges (SourcedLine.Through); null when
    // none is, as in nearly every body.
    private List<(int Line, int? Own, IReadOnlyList<EdgeRef> Edges)>? _through;

    /// <summary>Gives each line counted on edges one counter on all of them (the site's own, on the
    /// fall-through, where it has one), so that each run counts once in count mode too: beside an
    /// outcome's probe where the edge has one (<see cref="LineEdgeProbes"/>).</summary>
    private void NumberThroughEdges()
    {
        if (_through is null)
            return;
        foreach (var (line, own, edges) in _through)
        {
            var probe = own ?? Count++;
            foreach (var edge in edges)
            {
                if (!LineEdgeProbes.TryGetValue(edge.Branch, out var placed))
                {
                    LineEdgeProbes[edge.Branch] = placed = new int[EdgeRef.CountOf(edge.Branch)][];
                    Array.Fill(placed, []);
                }
                if (Array.IndexOf(placed[edge.Edge], probe) < 0) // Once per edge, however the sources name it.
                    placed[edge.Edge] = [.. placed[edge.Edge], probe];
            }
            if (own is null)
                _lines![line].Probes.Add(probe);
        }
    }

    /// <summary>The probe of the site before <paramref name="copy"/> on its line that starts at
    /// <paramref name="original"/>; null when that site has none of its own.</summary>
    private int? OwnProbeAt(MethodPlan plan, int copy, Instruction original)
    {
        for (var l = 0; l < copy; l++)
            if (plan.Lines[l].At == original && plan.Lines[l].Line == plan.Lines[copy].Line && plan.Lines[l].CopyOf is null && LineProbes[l] >= 0)
                return LineProbes[l];
        return null;
    }

    /// <summary>An outcome to be read from the probes of the statement it is the one way into,
    /// once those are known: slot <paramref name="Slot"/> of <paramref name="Outcomes"/>.</summary>
    private sealed record ImpliedOutcome(List<NumberedOutcome> Outcomes, int Slot, EdgeRef Edge, int Line);

    /// <summary>A statement's probes in the body's numbering (more than one when it is implied
    /// by others).</summary>
    private readonly record struct NumberedLine(int Line, string Document, List<int> Probes);

    /// <summary>A decision's outcomes in the body's numbering.</summary>
    private readonly record struct NumberedDecision(int Line, string Document, List<NumberedOutcome> Outcomes);

    /// <summary>An outcome's probes in the body's numbering, with what the model records of it.</summary>
    private readonly record struct NumberedOutcome(int[] Probes, string Label, int TargetLine);

    /// <summary>Numbers the outcomes; returns the probes of every edge that is by itself an
    /// outcome, for the implied lines to read.</summary>
    private Dictionary<(Instruction, int), int[]> NumberBranches(MethodDefinition body, MethodPlan plan, Dictionary<int, int> probeAt)
    {
        var entries = EntryCounts(body, probeAt);
        // Loops by index over the plan's lists here and below: a foreach through their
        // IReadOnlyList type boxes an enumerator, once per decision and outcome of every body.
        var outcomeCount = 0;
        for (var s = 0; s < plan.Branches.Count; s++)
            outcomeCount += plan.Branches[s].Outcomes.Count;
        var outcomeOfEdge = new Dictionary<(Instruction, int), int[]>(outcomeCount);
        var implied = new List<ImpliedOutcome>();
        NumberSharedEdges(plan);
        for (var s = 0; s < plan.Branches.Count; s++)
        {
            var site = plan.Branches[s];
            var outcomes = new List<NumberedOutcome>(site.Outcomes.Count);
            for (var o = 0; o < site.Outcomes.Count; o++)
            {
                var outcome = site.Outcomes[o];
                // An outcome whose one edge is the only way into a statement is counted by that
                // statement's probe: no stub, no extra jump on the hot path.
                if (site.Value is null && outcome.Edges is [var only] && only.Target is { } target
                    && probeAt.TryGetValue(target.Offset, out var shared) && entries.GetValueOrDefault(target.Offset) == 1)
                {
                    int[] probes = [shared];
                    outcomes.Add(new NumberedOutcome(probes, outcome.Label, outcome.TargetLine));
                    outcomeOfEdge[(only.Branch, only.Edge)] = probes;
                    continue;
                }
                if (site.Value is null && outcome.Edges is [var into] && plan.ImpliedOutcomes.TryGetValue((into.Branch, into.Edge), out var line))
                {
                    implied.Add(new ImpliedOutcome(outcomes, outcomes.Count, into, line));
                    outcomes.Add(new NumberedOutcome([], outcome.Label, outcome.TargetLine)); // Read below.
                    continue;
                }
                var own = ProbesOf(outcome.Edges);
                if (site.Value is null && outcome.Edges is [var one])
                    outcomeOfEdge[(one.Branch, one.Edge)] = own;
                outcomes.Add(new NumberedOutcome(own, outcome.Label, outcome.TargetLine));
            }
            if (site.Value is { } value)
                ValueProbes.Add(new ProbedValue(value, outcomes.Select(o => o.Probes[0]).ToArray()));
            _branches!.Add(new NumberedDecision(site.Line, site.DocumentIn(_document), outcomes));
        }
        ReadImpliedOutcomes(plan, implied, outcomeOfEdge);
        return outcomeOfEdge;
    }

    /// <summary>Gives an edge of its own probe where it is one of several edges in two or more
    /// outcomes (a nullable's <c>HasValue</c> failing in each constant's <c>false</c>,
    /// <see cref="Filters.NullableOrPatternFilter"/>): each of them then reads that probe beside
    /// one of its own (<see cref="ProbesOf"/>), so each counts the edge once, summed in count
    /// mode. Without it the second outcome's probe would take the edge from the first's.</summary>
    private void NumberSharedEdges(MethodPlan plan)
    {
        HashSet<EdgeRef>? seen = null;
        for (var s = 0; s < plan.Branches.Count; s++)
        {
            var site = plan.Branches[s];
            if (site.Value is not null)
                continue;
            for (var o = 0; o < site.Outcomes.Count; o++)
            {
                var edges = site.Outcomes[o].Edges;
                if (edges.Count < 2)
                    continue;
                for (var e = 0; e < edges.Count; e++)
                    if (!(seen ??= []).Add(edges[e]) && !(EdgeProbes.TryGetValue(edges[e].Branch, out var placed) && placed[edges[e].Edge] >= 0))
                        OwnProbe([edges[e]]);
            }
        }
    }

    /// <summary>The probes an outcome is read from: the probe an earlier outcome put on one of its
    /// edges alone (a <c>when</c> operand's edge that is also the way into a switch arm), and
    /// one of its own on the rest. An edge carries one probe, so two outcomes that share an
    /// edge share its probe.</summary>
    private int[] ProbesOf(IReadOnlyList<EdgeRef> edges)
    {
        List<int>? reused = null;
        List<EdgeRef>? rest = null;
        for (var e = 0; e < edges.Count; e++)
        {
            var edge = edges[e];
            if (EdgeProbes.TryGetValue(edge.Branch, out var placed) && placed[edge.Edge] is var probe and >= 0 && _onSeveralEdges?.Contains(probe) != true)
                (reused ??= []).Add(probe);
            else
                (rest ??= []).Add(edge);
        }
        if (reused is null)
            return [OwnProbe(edges)];
        if (rest is not null)
            reused.Add(OwnProbe(rest));
        SortDistinct(reused);
        return [.. reused];
    }

    // The probes on more than one edge (a switch's default, say), which no other outcome may
    // read; made when the first is (most bodies have none).
    private HashSet<int>? _onSeveralEdges;

    /// <summary>A probe of the body's own on every one of <paramref name="edges"/>.</summary>
    private int OwnProbe(IReadOnlyList<EdgeRef> edges)
    {
        var probe = Count++;
        if (edges.Count > 1)
            (_onSeveralEdges ??= []).Add(probe);
        for (var e = 0; e < edges.Count; e++)
        {
            var edge = edges[e];
            if (!EdgeProbes.TryGetValue(edge.Branch, out var probes))
            {
                EdgeProbes[edge.Branch] = probes = new int[EdgeRef.CountOf(edge.Branch)];
                Array.Fill(probes, -1);
            }
            probes[edge.Edge] = probe;
        }
        return probe;
    }

    /// <summary>Gives each implied outcome the probes of the decision its statement runs into,
    /// once every outcome of that decision has its probes (an outcome into a nested decision may
    /// itself be implied). One that cannot be read, round a cycle, gets a probe of its own.</summary>
    private void ReadImpliedOutcomes(MethodPlan plan, List<ImpliedOutcome> pending, Dictionary<(Instruction, int), int[]> outcomeOfEdge)
    {
        var probes = new List<int>();
        var visiting = new HashSet<int>();
        while (pending.Count > 0)
        {
            var read = pending.RemoveAll(outcome =>
            {
                probes.Clear();
                visiting.Clear();
                // The statement's probes, as far as they are known yet.
                if (!CollectImpliedBy(outcome.Line, plan, outcomeOfEdge, visiting, probes) || probes.Count == 0)
                    return false;
                SortDistinct(probes);
                Settle(outcome, [.. probes], outcomeOfEdge);
                return true;
            });
            if (read == 0)
            {
                Settle(pending[0], [OwnProbe([pending[0].Edge])], outcomeOfEdge);
                pending.RemoveAt(0);
            }
        }
    }

    private static void Settle(ImpliedOutcome outcome, int[] probes, Dictionary<(Instruction, int), int[]> outcomeOfEdge)
    {
        outcome.Outcomes[outcome.Slot] = outcome.Outcomes[outcome.Slot] with { Probes = probes };
        outcomeOfEdge[(outcome.Edge.Branch, outcome.Edge.Edge)] = probes;
    }

    private void NumberImpliedLines(MethodPlan plan, Dictionary<(Instruction, int), int[]> outcomeOfEdge)
    {
        var visiting = new HashSet<int>();
        foreach (var (l, sources) in plan.ImpliedLines)
        {
            var probes = new List<int>();
            if (sources.Count == 0)
            {
                _lines!.Add(new NumberedLine(plan.Lines[l].Line, plan.Lines[l].Document, probes)); // Unreachable: never ran.
                continue;
            }
            visiting.Clear();
            if (!CollectImpliedBy(l, plan, outcomeOfEdge, visiting, probes) || probes.Count == 0)
                probes = [LineProbes[l] = Count++]; // Not resolvable after all: its own probe.
            else
                SortDistinct(probes);
            _lines!.Add(new NumberedLine(plan.Lines[l].Line, plan.Lines[l].Document, probes));
        }
    }

    /// <summary>Adds to <paramref name="probes"/> the probes an implied statement's hits are
    /// read from: those of its sources, through implied statements in turn (a statement implied
    /// by itself, round a loop, adds nothing); false when a source has no probe. One list and one
    /// set for the whole walk: this runs for most statements of a large assembly.</summary>
    private bool CollectImpliedBy(int line, MethodPlan plan, Dictionary<(Instruction, int), int[]> outcomeOfEdge, HashSet<int> visiting, List<int> probes)
    {
        if (LineProbes[line] >= 0)
        {
            probes.Add(LineProbes[line]);
            return true;
        }
        if (!visiting.Add(line) || !plan.ImpliedLines.TryGetValue(line, out var sources))
            return true;
        for (var k = 0; k < sources.Count; k++) // Not foreach: the list's enumerator would be boxed.
        {
            var source = sources[k];
            if (source.Line is { } other)
            {
                if (!CollectImpliedBy(other, plan, outcomeOfEdge, visiting, probes))
                    return false;
            }
            else if (outcomeOfEdge.TryGetValue((source.Edge!.Branch, source.Edge.Edge), out var known))
                probes.AddRange(known);
            else
                return false;
        }
        return true;
    }

    /// <summary>Sorts <paramref name="values"/> and drops repeats, in place.</summary>
    private static void SortDistinct(List<int> values)
    {
        values.Sort();
        var kept = 0;
        for (var i = 0; i < values.Count; i++)
            if (kept == 0 || values[i] != values[kept - 1])
                values[kept++] = values[i];
        values.RemoveRange(kept, values.Count - kept);
    }

    /// <summary>How many ways control can enter each statement start (by IL offset): the call
    /// of the method itself, jumps, switch entries, handler starts and the fall-through from the
    /// instruction before.</summary>
    private static Dictionary<int, int> EntryCounts(MethodDefinition body, Dictionary<int, int> statementStarts)
    {
        var counts = new Dictionary<int, int>();
        Enter(counts, statementStarts, body.Body.Instructions[0]);
        foreach (var instruction in body.Body.Instructions)
        {
            if (instruction.Operand is Instruction jump)
                Enter(counts, statementStarts, jump);
            else if (instruction.Operand is Instruction[] table)
                foreach (var entry in table)
                    Enter(counts, statementStarts, entry);
            if (BranchShapes.FallsThrough(instruction.OpCode))
                Enter(counts, statementStarts, instruction.Next);
        }
        foreach (var handler in body.Body.ExceptionHandlers)
        {
            Enter(counts, statementStarts, handler.HandlerStart);
            Enter(counts, statementStarts, handler.FilterStart);
        }
        return counts;
    }

    private static void Enter(Dictionary<int, int> counts, Dictionary<int, int> statementStarts, Instruction? target)
    {
        if (target is not null && statementStarts.ContainsKey(target.Offset))
            counts[target.Offset] = counts.GetValueOrDefault(target.Offset) + 1;
    }
}

/// <summary>A value probe of a body, with its outcomes' probes in label order.</summary>
internal readonly record struct ProbedValue(ValueProbe Probe, int[] Outcomes);

/// <summary>A body's lines and decisions as the module model records them, by source file,
/// the file of the body's first statement first.</summary>
internal readonly record struct BodyModel(IReadOnlyList<BodyPart> Parts);

/// <summary>The lines and decisions a body has in one source file.</summary>
internal sealed record BodyPart(string Document, List<LineProbe> Lines, List<BranchPoint> Branches);
