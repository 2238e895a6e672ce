using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Release: an <c>if (c) break;</c> (<see cref="SourceDocument.GuardedRegionEndBreaks"/>) whose loop or <c>switch</c> is the last statement of a
/// <c>try</c>'s, <c>catch</c>'s or <c>finally</c>'s block, where the <c>leave</c> or
/// <c>endfinally</c> that ends the region has its point on the block's closing brace (an async
/// method's <c>try</c>, any <c>finally</c>) or a hidden one: the <c>break;</c> compiles to nothing and the
/// condition branches straight to that instruction. IL read: the <c>if</c>'s outcomes whose one
/// edge lands on that instruction, each the jump running once; only where the condition has no
/// other branch there (<see cref="GuardedJumpLines.UncountedWays"/>) and its other way goes to
/// where the source says (the loop goes on). The loop's own exit reaches the same instruction by
/// another edge, which is not the jump's.
/// </summary>
internal static class GuardedRegionEndJumpLines
{
    /// <summary>The cheap look (<see cref="SyntaxNeed"/>): a <c>break</c> after a closing
    /// parenthesis, over a brace at most (<c>if (c) break;</c>, <c>if (c) { break; }</c>).</summary>
    public static bool MayApplyAt(SyntaxLook look, int line, string text) => look.BreakAfter(line, text, ")");

    public static void Add(HiddenLines hidden)
    {
        var (method, syntax, anchor, document, branches) = (hidden.Method, hidden.Syntax, hidden.Anchor, hidden.Document, hidden.Branches);
        foreach (var jump in syntax.GuardedRegionEndBreaks(anchor.StartLine, anchor.StartColumn))
        {
            if (hidden.Known(jump.Line))
                continue;
            var outcomes = branches.Where(b => b.Line == jump.IfLine && b.Value is null && (b.Document ?? document) == document).SelectMany(b => b.Outcomes).ToList();
            var taken = outcomes.Where(o => o.Edges is [{ Target: { } to }] && EndsRegionAt(method, document, to, jump.TargetLine)).ToList();
            if (taken.Count == 0 || taken.Count == outcomes.Count || !outcomes.Any(o => !taken.Contains(o) && jump.FalseLines.Contains(o.TargetLine))
                || GuardedJumpLines.UncountedWays(method, taken.Select(o => o.Edges[0]).ToList()))
                continue;
            hidden.Sourced.Add(new SourcedLine(jump.Line, document, null, taken.Select(o => o.Edges[0]).ToList()));
            GuardedJumpLines.GoOnToJump(branches, jump.IfLine, taken, jump.Line);
        }
    }

    /// <summary>Whether <paramref name="at"/> is a <c>leave</c> or <c>endfinally</c> whose visible
    /// point is on <paramref name="line"/> of the file (the region's closing brace), or, under a
    /// hidden point (an async method's <c>try</c> with a <c>finally</c>), the last instruction of
    /// a protected block or handler: the one that ends the region.</summary>
    private static bool EndsRegionAt(MethodContext method, string document, Instruction at, int line) =>
        at.OpCode.Code is Code.Leave or Code.Leave_S or Code.Endfinally
        && method.PointAt(at) switch
        {
            { IsHidden: false } point => point.StartLine == line && point.Document.Url == document,
            { IsHidden: true } => at.Next is { } next && method.Method.Body.ExceptionHandlers.Any(h => h.TryEnd == next || h.HandlerEnd == next),
            null => false,
        };
}
