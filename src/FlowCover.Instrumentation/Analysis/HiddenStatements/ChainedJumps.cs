using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Release: a jump whose target is another jump that Release also compiled to nothing (a switch
/// section's last <c>break;</c> onto the <c>break;</c> right after its switch, which ends an
/// outer section): control goes on to that one's target, where the code of the statement before
/// the first jump lands. IL read: the place the chain ends at, for <see cref="DroppedJumpWays"/>.
/// </summary>
internal static class ChainedJumps
{
    /// <summary>How many jumps with no code a chain may pass through (a guard against a cycle of <c>goto</c>s).</summary>
    private const int Longest = 8;

    /// <summary>The instruction where the chain of jumps with no code that starts at the target
    /// of <paramref name="jump"/> ends: the code of the first target along it that has a visible
    /// point; null where a jump on the way has code (a point of its own) or the chain leads
    /// nowhere the IL shows, or to a <c>foreach</c>'s <c>in</c> (laid out otherwise).</summary>
    internal static Instruction? Onward(HiddenLines hidden, IReadOnlyList<PlainJump> jumps, PlainJump jump)
    {
        var (method, syntax, document) = (hidden.Method, hidden.Syntax, hidden.Document);
        var at = jump;
        for (var step = 0; step < Longest; step++)
        {
            // The jump at the target, standing on its own with no code: go on to its target.
            if (jumps.FirstOrDefault(j => j.Line == at.TargetLine && j.Column == at.TargetColumn) is not { } next
                || VisiblePoints.InstructionAt(method, document, next.Line, next.Column) is not null)
                return null;
            at = next;
            if (syntax.IsForEachIn(at.TargetLine, at.TargetColumn))
                return null;
            if (VisiblePoints.InstructionAt(method, document, at.TargetLine, at.TargetColumn) is { } target)
                return target;
        }
        return null;
    }
}
