using FlowCover.Instrumentation.Il;
using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Release: a dropped jump right after a loop (<c>while (c) { ... } break;</c>, <c>do { ... }
/// while (c); break;</c>, a <c>for</c>), whose code does not start at the loop's own point: a
/// <c>while</c> or <c>for</c> is laid out as a hidden <c>br</c> to its condition, the body, then
/// the condition, and a <c>do</c> has no point of its own. IL read: the loop's ways out to the
/// jump's target (its condition's false edges, its own <c>break;</c>s, the condition's
/// fall-through), each the loop completing into the jump once, as <see cref="DroppedJumpWays"/>
/// reads them, over the run of code right before the target that is the loop's.
/// </summary>
internal static class LoopBeforeJumpWays
{
    /// <summary>The cheap look (<see cref="SyntaxNeed"/>): a <c>break;</c> right after a block's
    /// closing brace or a <c>do</c> loop's <c>while (c);</c>.</summary>
    public static bool MayApplyAt(SyntaxLook look, int line, string text) =>
        SyntaxLook.Code(text) is "break;" && look.CodeOf(line - 1) is var before
        && (before is "}" || before.StartsWith("while (") && before.EndsWith(");"));

    /// <summary>The ways the statement before <paramref name="jump"/> (<see cref="PlainJump.Before"/>)
    /// goes to <paramref name="target"/>, its code being the instructions right before the target
    /// whose visible points are all inside it, from the first such point (or the hidden <c>br</c>
    /// right before that point, into that code: a loop's jump to its condition); null where that
    /// run does not start where <see cref="DroppedJumpWays.Into"/> looks (it read it already), or
    /// any of that rule's conditions fails (entered elsewhere than its start, a way out to
    /// another place, a region).</summary>
    internal static (List<EdgeRef> Edges, bool Falls)? Into(MethodContext method, string document, PlainJump jump, Instruction target, List<(Instruction Copy, LineSite Original)> copies)
    {
        if (jump.Before is not { } span)
            return null;
        var end = method.IndexOf(target);
        var start = -1;
        for (var i = end - 1; i >= 0; i--)
        {
            if (method.PointAt(method.Instructions[i]) is not { IsHidden: false } point)
                continue;
            if (point.Document.Url != document || !VisiblePoints.Inside(span, point.StartLine, point.StartColumn))
                break;
            start = i;
        }
        if (start < 0 || method.PointAt(method.Instructions[start]) is { } first && first.StartLine == jump.BeforeLine && first.StartColumn == jump.BeforeColumn)
            return null;
        if (start > 0 && method.Instructions[start - 1] is { OpCode.Code: Code.Br or Code.Br_S, Operand: Instruction to } entry
            && method.PointAt(entry) is { IsHidden: true } && method.IndexOf(to) is var at && at >= start && at < end)
            start--;
        return DroppedJumpWays.Within(method, document, jump, target, copies, start, end);
    }
}
