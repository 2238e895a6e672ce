using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Sharing;

/// <summary>
/// In <c>set</c> mode a statement needs no probe of its own when every way into it comes
/// straight from a probe that always reaches it: between that probe and the statement there is
/// nothing that can throw and no branch out. The statement then ran if and only if one of those
/// probes ran, exactly, exceptions included. In <c>var a = 0; var b = 1;</c> the second needs
/// none; after <c>if (!inWord) words++;</c> the next statement is reached from the probe of
/// <c>words++</c> or from the outcome "inWord was true", and needs none either. Each store left
/// out is one fewer on a hot loop's every iteration. Only instructions that cannot throw count
/// as straight (<see cref="NonThrowingCode"/>); a call that may throw, a field or array access, a
/// handler boundary or an entry by exception ends the walk, and the statement keeps its probe.
/// <para>
/// The other way round, a statement that runs straight into a decision whose every way out is a
/// probed outcome needs no probe either: it ran if and only if one of those outcomes did. The
/// first statement of <c>Mod(v) =&gt; v &gt;= m ? v - m : v</c> has nothing before it to be
/// implied by, but both outcomes of its condition are probed. Nothing else may enter its code
/// before the decision, or an outcome could run without it.
/// </para>
/// <para>
/// Such a statement may itself be reached only by one branch outcome, through straight code: the
/// body of <c>while (n != 1) { n = n % 2 == 0 ? n / 2 : 3 * n + 1; }</c> is entered only by the
/// loop condition holding, and runs straight into the <c>?:</c>. That outcome needs no probe
/// either: it was taken if and only if the statement ran, so it is read from the same outcomes,
/// and each iteration stores one probe instead of two.
/// </para>
/// </summary>
internal static class ImpliedLineProbes
{
    private const int MaxSteps = 64;

    /// <summary>The statements (by index into <paramref name="plan"/>'s lines) that need no
    /// probe, each with the probes that tell whether it ran; and the outcomes that need none,
    /// each with the statement (one of those) it is read from.</summary>
    public static (IReadOnlyDictionary<int, IReadOnlyList<ProbeSource>> Lines, IReadOnlyDictionary<(Instruction, int), int> Outcomes) Find(MethodContext method, MethodPlan plan, NonThrowingCode nonThrowing)
    {
        var lineAt = new Dictionary<int, int>(plan.Lines.Count);
        for (var l = 0; l < plan.Lines.Count; l++)
            lineAt.TryAdd(method.IndexOf(plan.Lines[l].At), l);
        var probedEdges = ProbedEdges(plan);
        if (lineAt.Count < 2 && probedEdges.Count == 0)
            return (new Dictionary<int, IReadOnlyList<ProbeSource>>(), new Dictionary<(Instruction, int), int>()); // Nothing a statement could be implied by.
        var found = new Dictionary<int, IReadOnlyList<ProbeSource>>(plan.Lines.Count);
        var outcomes = new Dictionary<(Instruction, int), int>();
        var flow = new Flow(method, nonThrowing);
        // One list for every statement's walk, copied out only for a statement it resolves: most
        // walks fail, and a list per statement was garbage for each.
        var sources = new List<ProbeSource>();
        foreach (var (index, line) in lineAt)
        {
            if (flow.OnlyOutcomeInto(index, lineAt) is { } into && probedEdges.Contains(into)
                && ProbedDecisionAfter(flow, index, lineAt, probedEdges) is { } next && next != into.Branch)
            {
                // Entered only by one outcome and left only by probed ones: both read from those.
                found[line] = OutcomesOf(next);
                outcomes[into] = line;
                continue;
            }
            if (flow.OnlyEntry(index) is { Branch: { } branch } && BranchShapes.IsDecisionOpCode(branch.OpCode))
                continue; // Its one way in is a branch outcome, which shares the statement's probe.
            sources.Clear();
            if (flow.Resolve(index, lineAt, probedEdges, sources, steps: 0) && sources.Count > 0)
                found[line] = sources.ToArray();
            else if (ProbedDecisionAfter(flow, index, lineAt, probedEdges) is { } decision)
                found[line] = OutcomesOf(decision);
        }
        return (found, outcomes);
    }

    /// <summary>The decision the statement at <paramref name="index"/> runs straight into, when
    /// every outcome of it is probed. Asked only after a cheaper test, not of every statement;
    /// one entered by a single outcome and not resolved another way asks twice.</summary>
    private static Instruction? ProbedDecisionAfter(Flow flow, int index, IReadOnlyDictionary<int, int> lineAt, HashSet<(Instruction, int)> probedEdges) =>
        flow.StraightToDecision(index, lineAt) is { } decision && AllProbed(decision, probedEdges) ? decision : null;

    private static List<ProbeSource> OutcomesOf(Instruction decision) => EdgeRef.AllOf(decision).Select(e => new ProbeSource(null, e)).ToList();

    private static bool AllProbed(Instruction decision, HashSet<(Instruction, int)> probedEdges)
    {
        for (var edge = 0; edge < EdgeRef.CountOf(decision); edge++)
            if (!probedEdges.Contains((decision, edge)))
                return false;
        return true;
    }

    /// <summary>Edges that are the one edge of a probed outcome, so the outcome's probe runs
    /// exactly when the edge is taken.</summary>
    private static HashSet<(Instruction, int)> ProbedEdges(MethodPlan plan)
    {
        var edges = new HashSet<(Instruction, int)>(2 * plan.Branches.Count);
        // By index: a foreach through IReadOnlyList boxes an enumerator per decision of every body.
        for (var s = 0; s < plan.Branches.Count; s++)
            if (plan.Branches[s] is { Value: null, Outcomes: var outcomes })
                for (var o = 0; o < outcomes.Count; o++)
                    if (outcomes[o].Edges is [var edge])
                        edges.Add((edge.Branch, edge.Edge));
        return edges;
    }

    /// <summary>A way into an instruction: the fall-through from the one before
    /// (<see cref="Branch"/> null, or the conditional branch it falls out of) or a jump.</summary>
    private readonly record struct Entry(int From, Instruction? Branch, int Edge);

    /// <summary>The ways into every instruction. Walking back from each statement asks for them
    /// at every step, so the jumps are kept in two flat arrays (instruction i's are
    /// <c>_jumps[_jumpStarts[i].._jumpStarts[i + 1]]</c>) rather than a list per target.</summary>
    private sealed class Flow
    {
        private readonly MethodContext _method;
        private readonly int[] _jumpStarts;
        private readonly Entry[] _jumps;
        private readonly bool[] _boundary;
        private readonly Func<int, bool> _isEntered;
        private readonly bool[]? _guardedLoads;
        private readonly NonThrowingCode _nonThrowing;

        public Flow(MethodContext method, NonThrowingCode nonThrowing)
        {
            _method = method;
            _nonThrowing = nonThrowing;
            var instructions = method.Instructions;
            var count = instructions.Length;
            _jumpStarts = new int[count + 1];
            ForEachJump((_, to, _) => _jumpStarts[to + 1]++);
            for (var i = 0; i < count; i++)
                _jumpStarts[i + 1] += _jumpStarts[i];
            _jumps = new Entry[_jumpStarts[count]];
            var fill = _jumpStarts[..count];
            ForEachJump((from, to, edge) => _jumps[fill[to]++] = new Entry(from, instructions[from], edge));
            _boundary = new bool[count];
            foreach (var handler in method.Method.Body.ExceptionHandlers)
                foreach (var boundary in (ReadOnlySpan<Instruction?>)[handler.TryStart, handler.TryEnd, handler.HandlerStart, handler.HandlerEnd, handler.FilterStart])
                    if (boundary is not null)
                        _boundary[method.IndexOf(boundary)] = true;
            _isEntered = IsEntered;
            _guardedLoads = GuardedElementLoads.Find(method, OnlyJumpFrom, _isEntered);
        }

        /// <summary>Calls <paramref name="visit"/> with (from, to, edge) for every jump and
        /// switch entry, in instruction order.</summary>
        private void ForEachJump(Action<int, int, int> visit)
        {
            var instructions = _method.Instructions;
            for (var i = 0; i < instructions.Length; i++)
            {
                if (instructions[i].Operand is Instruction target)
                    visit(i, _method.IndexOf(target), 1);
                else if (instructions[i].Operand is Instruction[] table)
                    for (var k = 0; k < table.Length; k++)
                        visit(i, _method.IndexOf(table[k]), k + 1);
            }
        }

        /// <summary>Whether every way into instruction <paramref name="index"/> can be followed
        /// back: not the method's entry, nor a handler or protected-region boundary.</summary>
        private bool CanFollow(int index) => index > 0 && !_boundary[index];

        /// <summary>The way in by falling through from the instruction before, if there is one.</summary>
        private Entry? FallThroughInto(int index)
        {
            var before = _method.Instructions[index - 1];
            if (!BranchShapes.FallsThrough(before.OpCode))
                return null;
            return BranchShapes.IsDecisionOpCode(before.OpCode) ? new Entry(index - 1, before, EdgeRef.FallThrough) : new Entry(index - 1, null, 0);
        }

        private ReadOnlySpan<Entry> JumpsInto(int index) => _jumps.AsSpan(_jumpStarts[index], _jumpStarts[index + 1] - _jumpStarts[index]);

        /// <summary>The one way into instruction <paramref name="index"/>, when it has exactly one
        /// and it can be followed.</summary>
        public Entry? OnlyEntry(int index)
        {
            if (!CanFollow(index))
                return null;
            var fallThrough = FallThroughInto(index);
            var jumps = JumpsInto(index);
            return (fallThrough, jumps.Length) switch
            {
                ({ } only, 0) => only,
                (null, 1) => jumps[0],
                _ => null,
            };
        }

        /// <summary>The branch outcome (branch, edge) that is the one way into the statement at
        /// <paramref name="index"/>: control can reach it only by that edge and then straight
        /// code (no other way in, nothing that can throw, no other statement on the way).</summary>
        public (Instruction Branch, int Edge)? OnlyOutcomeInto(int index, IReadOnlyDictionary<int, int> lineAt)
        {
            var at = index;
            while (index - at <= MaxSteps)
            {
                if (OnlyEntry(at) is not { } entry)
                    return null;
                if (entry.Branch is { } branch && BranchShapes.IsDecisionOpCode(branch.OpCode))
                    return (branch, entry.Edge);
                // Only backwards, so the walk ends even round a loop of jumps; a jump from below
                // into straight code is rare enough to give up on.
                if (lineAt.ContainsKey(entry.From) || entry.From >= at || !GoesStraightOn(entry.From))
                    return null;
                at = entry.From;
            }
            return null;
        }

        /// <summary>Whether instruction <paramref name="index"/> always goes on to the
        /// instruction it leads to: a <c>br</c>, or code that cannot throw.</summary>
        private bool GoesStraightOn(int index) =>
            _method.Instructions[index].OpCode.Code is Code.Br or Code.Br_S || _nonThrowing.CannotThrow(_method.Instructions, index, _isEntered, _guardedLoads);

        /// <summary>The instruction whose jump is the one way into instruction
        /// <paramref name="index"/>, when nothing falls into it.</summary>
        private int? OnlyJumpFrom(int index) => OnlyEntry(index) is { } only && FallThroughInto(index) is null ? only.From : null;

        /// <summary>Adds to <paramref name="sources"/> a probe for every way into instruction
        /// <paramref name="index"/>; false when some way in has none.</summary>
        public bool Resolve(int index, IReadOnlyDictionary<int, int> lineAt, HashSet<(Instruction, int)> probedEdges, List<ProbeSource> sources, int steps)
        {
            if (steps > MaxSteps || !CanFollow(index))
                return false;
            var fallThrough = FallThroughInto(index);
            if (fallThrough is null && JumpsInto(index).IsEmpty)
                return false;
            if (fallThrough is { } entry && !ResolveEntry(entry, lineAt, probedEdges, sources, steps))
                return false;
            foreach (var jump in JumpsInto(index))
                if (!ResolveEntry(jump, lineAt, probedEdges, sources, steps))
                    return false;
            return true;
        }

        private bool ResolveEntry(Entry entry, IReadOnlyDictionary<int, int> lineAt, HashSet<(Instruction, int)> probedEdges, List<ProbeSource> sources, int steps)
        {
            if (entry.Branch is { } branch && BranchShapes.IsDecisionOpCode(branch.OpCode))
            {
                if (!probedEdges.Contains((branch, entry.Edge)))
                    return false;
                sources.Add(new ProbeSource(null, new EdgeRef(branch, entry.Edge)));
                return true;
            }
            // Fall-through from a straight instruction, or a br: walk back through it.
            if (!GoesStraightOn(entry.From))
                return false;
            if (lineAt.TryGetValue(entry.From, out var line))
            {
                sources.Add(new ProbeSource(line, null));
                return true;
            }
            return Resolve(entry.From, lineAt, probedEdges, sources, steps + 1);
        }

        /// <summary>The conditional branch the statement at <paramref name="index"/> runs straight
        /// into: nothing on the way can throw, and nothing enters the way but its start (no jump,
        /// handler boundary or other statement).</summary>
        public Instruction? StraightToDecision(int index, IReadOnlyDictionary<int, int> lineAt)
        {
            var instructions = _method.Instructions;
            for (var i = index; i < instructions.Length && i - index <= MaxSteps; i++)
            {
                if (i > index && (lineAt.ContainsKey(i) || _boundary[i] || IsEntered(i)))
                    return null;
                if (BranchShapes.IsDecisionOpCode(instructions[i].OpCode))
                    return instructions[i];
                if (!_nonThrowing.CannotThrow(instructions, i, _isEntered, _guardedLoads))
                    return null;
            }
            return null;
        }

        /// <summary>Whether control can reach the instruction other than from the one before (the
        /// divisor pushed just before a division is then not the only possible one).</summary>
        private bool IsEntered(int index) => !JumpsInto(index).IsEmpty;
    }
}
