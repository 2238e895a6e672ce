using FlowCover.Instrumentation.Il;
using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Release: a jump that is the whole statement of an <c>if</c> and keeps its own <c>br</c>
/// (<c>if (a || b) continue;</c>, the shape is <see cref="SourceDocument.JumpsOfIf"/>): the
/// condition's last operand falls into that <c>br</c>, but Release sends the other operands' true
/// ways straight to the jump's target, past it. IL read: the condition's branches to the target,
/// each one more run of the jump (<see cref="SourcedLine.PastOwnCode"/>, counted by
/// <c>MethodPlanner</c>); only where the condition's false way goes to one other place, so that
/// no branch to the target can be that way.
/// </summary>
internal static class GuardedOwnJumpLines
{
    /// <summary>The cheap look (<see cref="SyntaxNeed"/>): a line with a <c>continue</c> or a
    /// <c>goto</c>, or a <c>break</c> after a closing parenthesis, over a brace at most
    /// (<c>if (a || b) break;</c>, <c>if (a || b) { continue; }</c>).</summary>
    public static bool MayApplyAt(SyntaxLook look, int line, string text) =>
        text.Contains("continue", StringComparison.Ordinal) || text.Contains("goto", StringComparison.Ordinal)
        || look.BreakAfter(line, text, ")");

    public static void Add(HiddenLines hidden)
    {
        var (method, syntax, anchor, document, lines, branches, sourced) = (hidden.Method, hidden.Syntax, hidden.Anchor, hidden.Document, hidden.Lines, hidden.Branches, hidden.Sourced);
        foreach (var (jumpLine, ifLine, ifColumn) in syntax.JumpsOfIf(anchor.StartLine, anchor.StartColumn))
        {
            if (PastOwnCode(method, document, lines, branches, jumpLine, ifLine, ifColumn) is not ({ Count: > 0 } edges, { } own))
                continue;
            // Ways another rule already counts for this jump (a threaded inner `break;`).
            var counted = sourced.Where(s => s.PastOwnCode && s.Line == jumpLine && s.Document == document).SelectMany(s => s.Edges).ToHashSet();
            if (edges.Where(edge => !counted.Contains(edge)).ToList() is { Count: > 0 } more)
                sourced.Add(new SourcedLine(jumpLine, document, own, more) { PastOwnCode = true });
        }
    }

    /// <summary>The branches of the condition of the <c>if</c> at (<paramref name="ifLine"/>,
    /// <paramref name="ifColumn"/>) that go to the target of the jump on
    /// <paramref name="jumpLine"/>, whose one site is its own <c>br</c>, with that site. The
    /// condition's code is the instructions from the <c>if</c>'s point to that <c>br</c>, each of a
    /// line from the <c>if</c>'s up to the jump's; each branch out of it goes to the target or to
    /// one other place, the false way. Empty where it does anything else (a <c>switch</c>, a
    /// <c>return</c>, a value probe's branch or a <c>br</c> to the target, two other places, or
    /// none: then the false way may be the target too, and a branch there is not the jump).</summary>
    private static (List<EdgeRef> Edges, LineSite? Jump) PastOwnCode(MethodContext method, string document, List<LineSite> lines, List<BranchSite> branches, int jumpLine, int ifLine, int ifColumn)
    {
        var condition = lines.FirstOrDefault(l => l.Document == document && method.PointAt(l.At) is { IsHidden: false } p && p.StartLine == ifLine && p.StartColumn == ifColumn);
        if (lines.Where(l => l.Line == jumpLine && l.Document == document).ToList() is not [{ At: { OpCode.Code: Code.Br or Code.Br_S, Operand: Instruction target } jump } site]
            || condition is null || method.IndexOf(condition.At) is var start && start >= method.IndexOf(jump))
            return ([], null);
        var end = method.IndexOf(jump);
        var edges = new List<EdgeRef>();
        Instruction? falseWay = null;
        for (var i = start; i < end; i++)
        {
            var instruction = method.Instructions[i];
            if (method.PointAt(instruction) is { IsHidden: false } point && (point.StartLine < ifLine || point.StartLine >= jumpLine || point.Document.Url != document)
                || instruction.Operand is Instruction[] || instruction.OpCode.FlowControl is FlowControl.Return or FlowControl.Throw)
                return ([], null);
            if (instruction.Operand is not Instruction to || instruction.OpCode.FlowControl is not (FlowControl.Branch or FlowControl.Cond_Branch))
                continue;
            if (method.IndexOf(to) is var at && at > start && at <= end)
                continue; // Within the condition, or onto the jump's own `br` (its own probe).
            if (to != target)
            {
                if (falseWay is not null && falseWay != to)
                    return ([], null);
                falseWay = to;
                continue;
            }
            if (instruction.OpCode.FlowControl != FlowControl.Cond_Branch || branches.Any(b => b.Value?.At == instruction))
                return ([], null);
            edges.Add(new EdgeRef(instruction, 1));
        }
        return falseWay is null ? ([], null) : (edges, site);
    }
}
