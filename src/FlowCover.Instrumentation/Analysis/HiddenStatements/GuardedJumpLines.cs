using FlowCover.Instrumentation.Il;
using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Release: a <c>continue;</c>, <c>break;</c> or <c>goto</c> that is one way of an <c>if</c>
/// (<c>if (c) continue;</c>, an <c>else break;</c>, <c>if (c) { return x; } break;</c>) compiles
/// to nothing: the condition's branch goes straight to the jump's target. IL read: the outcome of
/// the <c>if</c> that goes to the target's line (or, threaded, past a <c>break;</c> there with its
/// own <c>br</c>; or, for an eager <c>a == 0 | b</c>, the one branch its code makes there).
/// </summary>
internal static class GuardedJumpLines
{
    /// <summary>The cheap look (<see cref="SyntaxNeed"/>): a line with a <c>goto</c> or a
    /// <c>continue</c>; or a <c>break</c> after a closing parenthesis, an <c>else</c> or a block,
    /// over a brace at most (<c>if (c) break;</c>, <c>else break;</c>, <c>if (c) { return; } break;</c>).</summary>
    public static bool MayApplyAt(SyntaxLook look, int line, string text) =>
        text.Contains("goto", StringComparison.Ordinal) || text.Contains("continue", StringComparison.Ordinal)
        || look.BreakAfter(line, text, ")}e");

    public static void Add(HiddenLines hidden)
    {
        var (method, syntax, anchor, document, lines, branches, sourced) = (hidden.Method, hidden.Syntax, hidden.Anchor, hidden.Document, hidden.Lines, hidden.Branches, hidden.Sourced);
        foreach (var jump in syntax.GuardedJumps(anchor.StartLine, anchor.StartColumn))
        {
            // Where each way goes in this build: past calls that compiled to nothing (`Debug.Assert`).
            var targetLine = WithCode(method, document, jump.TargetLines);
            var falseLine = WithCode(method, document, jump.FalseLines);
            if (hidden.Known(jump.Line) || targetLine == falseLine)
                continue;
            var outcomes = branches.Where(b => b.Line == jump.IfLine && b.Value is null).SelectMany(b => b.Outcomes).ToList();
            var taken = outcomes.Where(o => o.TargetLine == targetLine).ToList();
            // The target is itself a jump with its own `br` (an inner loop's `break;` onto the
            // outer loop's `break;`): Release sends this jump's way straight to where that `br`
            // goes, past it, so that way ran both jumps.
            var threaded = taken.Count == 0 ? ThreadedJumps.At(method, document, lines, targetLine) : null;
            if (threaded is not null)
                taken = outcomes.Where(o => o.Edges is [var edge] && edge.Target == threaded.At.Operand).ToList();
            // A condition Release evaluates eagerly (`a == 0 | b`, no outcome of its own): its
            // one branch to the jump's target is the jump running.
            if (taken.Count == 0 && threaded is null && EagerWays(method, document, lines, branches, jump.IfLine, targetLine, falseLine) is { Count: > 0 } eager)
            {
                sourced.Add(new SourcedLine(jump.Line, document, null, []) { Through = eager });
                continue;
            }
            if (taken.Count == 0 || !taken.All(o => o.Edges.Count == 1) || !outcomes.Any(o => o.TargetLine == falseLine)
                || threaded is null && UncountedWays(method, taken.Select(o => o.Edges[0]).ToList())
                || JoinsUncountedTest(method, taken))
                continue;
            var ways = taken.Where(o => !RunsIntoAnother(o.Edges[0], taken) && !PassesAnother(method, o.Edges[0], taken)).Select(o => o.Edges[0]).ToList();
            sourced.Add(new SourcedLine(jump.Line, document, null, ways));
            if (threaded is not null)
                sourced.Add(new SourcedLine(targetLine, document, threaded, ways) { PastOwnCode = true });
            GoOnToJump(branches, jump.IfLine, taken, jump.Line);
        }
    }

    /// <summary>The <c>if</c>'s outcomes that run the jump (<paramref name="taken"/>) go on to the
    /// jump's line, as the source reads (42->43, not 42->38 where Release sends them).</summary>
    internal static void GoOnToJump(List<BranchSite> branches, int ifLine, List<OutcomeSite> taken, int jumpLine)
    {
        for (var b = 0; b < branches.Count; b++)
            if (branches[b].Line == ifLine && branches[b].Value is null && branches[b].Outcomes.Any(taken.Contains))
                branches[b] = branches[b] with { Outcomes = branches[b].Outcomes.Select(o => taken.Contains(o) ? o with { TargetLine = jumpLine } : o).ToList() };
    }

    /// <summary>Whether <paramref name="edge"/> runs on, with no decision of its own, into the
    /// branch of another of <paramref name="taken"/> (<c>if (s?.Length > 1) return t; break;</c>:
    /// the null way pushes false and goes through the comparison's branch to the target): that
    /// branch counts the jump on that way, so this edge would count it twice.</summary>
    private static bool RunsIntoAnother(EdgeRef edge, List<OutcomeSite> taken)
    {
        var at = edge.Target;
        for (var step = 0; at is not null && step < 16; step++)
        {
            if (taken.Any(o => o.Edges[0] != edge && o.Edges[0].Branch == at))
                return true;
            if (at.OpCode.FlowControl is not (FlowControl.Next or FlowControl.Branch) || at.Operand is Instruction[])
                return false;
            at = at.OpCode.FlowControl == FlowControl.Branch ? at.Operand as Instruction : at.Next;
        }
        return false;
    }

    /// <summary>Whether the way of <paramref name="edge"/> passes, on the constant it pushes, the
    /// edge of another of <paramref name="taken"/> (<c>n is 1 or 3 || n &gt; 2</c> kept as a value:
    /// <c>n is 1</c>'s edge stores 1 and goes on through the value's <c>brtrue</c> to the target,
    /// which is itself an outcome to the target): that edge counts the jump on this way.</summary>
    private static bool PassesAnother(MethodContext method, EdgeRef edge, List<OutcomeSite> taken) =>
        ConstantWays.Passed(method, edge).Any(passed => passed != edge && taken.Any(o => o.Edges[0] == passed));

    /// <summary>Whether the way of one of <paramref name="taken"/> reaches the target through a
    /// later test of a kept value whose edge there is none of them (the value of
    /// <c>o is string || n is 1 or 3</c> in an async method, tested by a value probe's
    /// <c>brtrue</c>): the value's other operands (<c>o is string</c> true, by a branch whose
    /// value the walk cannot know) run the jump through that test too, so the outcomes would
    /// count it short. No exact count: that test's edges are the value probe's, and the line is
    /// left out.</summary>
    private static bool JoinsUncountedTest(MethodContext method, List<OutcomeSite> taken) =>
        taken.Any(o => ConstantWays.Passed(method, o.Edges[0]) is { Count: > 0 } passed && !taken.Any(t => t.Edges[0] == passed[^1]));

    /// <summary>The first of <paramref name="candidates"/> that has a visible point in the method;
    /// the first where none has (a way out of the method, a line of another rule).</summary>
    private static int WithCode(MethodContext method, string document, IReadOnlyList<int> candidates)
    {
        foreach (var line in candidates)
            foreach (var (_, point) in method.SequencePoints)
                if (!point.IsHidden && point.StartLine == line && point.Document.Url == document)
                    return line;
        return candidates[0];
    }

    /// <summary>Whether the condition that makes the outcome edges <paramref name="taken"/> goes
    /// to their target by a branch that is none of them (an operand read by a value probe,
    /// <c>f &amp;&amp; q &amp;&amp; c</c> with <c>f</c> a field of a state machine): that way runs
    /// the jump too, and the outcomes alone would count it short. The condition's code is the
    /// instructions of the visible point that holds the first of those edges, up to the next one.</summary>
    internal static bool UncountedWays(MethodContext method, List<EdgeRef> taken)
    {
        var first = taken.Min(e => method.IndexOf(e.Branch));
        var start = first;
        while (start > 0 && method.PointAt(method.Instructions[start]) is not { IsHidden: false })
            start--;
        var targets = taken.Select(e => e.Target).ToHashSet();
        for (var i = start; i < method.Instructions.Length; i++)
        {
            var instruction = method.Instructions[i];
            if (i > start && method.PointAt(instruction) is { IsHidden: false })
                return false;
            if (instruction.Operand is Instruction to && targets.Contains(to) && !taken.Contains(new EdgeRef(instruction, 1))
                || instruction.Operand is Instruction[] table && table.Any(targets.Contains))
                return true;
        }
        return false;
    }

    /// <summary>The edges by which the condition of the <c>if</c> on <paramref name="ifLine"/>
    /// goes to the code of <paramref name="targetLine"/> where none of them is an outcome (an
    /// eager <c>a == 0 | b</c>: one branch, its operands read by value probes): its code is the
    /// instructions from the <c>if</c>'s point up to the next visible point, each of its branches
    /// going to the target, within it, or to the code of <paramref name="falseLine"/>, onto which
    /// its end falls. Each edge to the target is then the jump that is the <c>if</c>'s statement
    /// running. Empty where the code does anything else.</summary>
    private static List<EdgeRef> EagerWays(MethodContext method, string document, List<LineSite> lines, List<BranchSite> branches, int ifLine, int targetLine, int falseLine)
    {
        if (lines.Where(l => l.Line == ifLine && l.Document == document).ToList() is not [var condition]
            || lines.Where(l => l.Line == targetLine && l.Document == document).ToList() is not [var target]
            || lines.Where(l => l.Line == falseLine && l.Document == document).ToList() is not [var other])
            return [];
        var start = method.IndexOf(condition.At);
        var end = start + 1;
        while (end < method.Instructions.Length && method.PointAt(method.Instructions[end]) is not { IsHidden: false })
            end++;
        if (end == method.Instructions.Length || method.Instructions[end] != other.At || !BranchShapes.FallsThrough(method.Instructions[end - 1].OpCode))
            return [];
        var edges = new List<EdgeRef>();
        for (var i = start; i < end; i++)
        {
            var instruction = method.Instructions[i];
            if (instruction.Operand is Instruction[] || instruction.OpCode.FlowControl is FlowControl.Return or FlowControl.Throw)
                return [];
            if (instruction.Operand is not Instruction to)
                continue;
            var at = method.IndexOf(to);
            if (to == target.At)
            {
                var edge = new EdgeRef(instruction, 1);
                if (instruction.OpCode.FlowControl != FlowControl.Cond_Branch
                    || branches.Any(b => b.Value?.At == instruction || b.Outcomes.Any(o => o.Edges.Contains(edge))))
                    return [];
                edges.Add(edge);
            }
            else if (to != other.At && (at < start || at >= end))
                return [];
        }
        return edges;
    }
}
