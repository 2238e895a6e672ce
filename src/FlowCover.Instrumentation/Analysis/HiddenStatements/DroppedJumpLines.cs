using FlowCover.Instrumentation.Il;
using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Release: a jump that stands on its own (<c>goto case 2;</c> above <c>case 2:</c>, a loop
/// body's last <c>continue;</c>, <c>{ n++; continue; }</c>) compiles to nothing when the code
/// before it falls straight into its target. IL read, in turn: the target's own site when nothing
/// else leads there; the fall-through from the statement before into it; that statement's several
/// ways there (<see cref="DroppedJumpWays"/>); a break-only section's dispatch
/// (<see cref="BreakOnlySections"/>). The inner <c>break;</c> onto an outer one that keep their
/// <c>br</c>s is <see cref="ThreadedJumps"/>.
/// </summary>
internal static class DroppedJumpLines
{
    /// <summary>The cheap look (<see cref="SyntaxNeed"/>): a line with a <c>goto</c> or a
    /// <c>continue</c>; or a <c>break;</c> that closes a switch's last section (the next line
    /// starts with a brace), which falls into the code after the switch; or a <c>break</c> after a
    /// block, which a jump in that block may have as its target (<see cref="ChainedJumps"/>).</summary>
    public static bool MayApplyAt(SyntaxLook look, int line, string text) =>
        text.Contains("goto", StringComparison.Ordinal) || text.Contains("continue", StringComparison.Ordinal)
        || SyntaxLook.Code(text) is "break;" && look.Line(line + 1) is { } closing && SyntaxLook.Code(closing).StartsWith('}')
        || look.BreakAfter(line, text, "}");

    public static void Add(HiddenLines hidden)
    {
        var (method, syntax, anchor, document, lines, branches, sourced) = (hidden.Method, hidden.Syntax, hidden.Anchor, hidden.Document, hidden.Lines, hidden.Branches, hidden.Sourced);
        // A jump Release dropped, its code before falling into its target: it ran when the
        // target did, if nothing else leads there; else when control fell from the statement
        // before it into the target, if that is the one way that statement goes there.
        var jumps = syntax.PlainJumps(anchor.StartLine, anchor.StartColumn).ToList();
        foreach (var jump in jumps)
        {
            if (hidden.Known(jump.Line))
            {
                ThreadedJumps.AddOuter(hidden, jump);
                continue;
            }
            // The target's own point, or the one holding it (`while (c)`'s point holds `c`), or
            // one no line keeps (a method's closing brace, where it returns).
            var site = lines.FirstOrDefault(l => VisiblePoints.StartsAt(method, l.At, document, jump.TargetLine, jump.TargetColumn))
                ?? lines.FirstOrDefault(l => VisiblePoints.Holds(method, l.At, document, jump.TargetLine, jump.TargetColumn));
            if ((site?.At ?? VisiblePoints.InstructionAt(method, document, jump.TargetLine, jump.TargetColumn)) is not { } target)
            {
                // Its target a jump with no code either: the statement before's ways to where that
                // one goes, read as for any dropped jump, but by the statement's own code only
                // (the place the chain ends at has other ways in: the other jumps to it): its
                // ways there, or its one fall into it.
                if (ChainedJumps.Onward(hidden, jumps, jump) is not { } onward)
                    continue;
                if ((DroppedJumpWays.Into(method, document, jump, onward, hidden.Copies) ?? LoopBeforeJumpWays.Into(method, document, jump, onward, hidden.Copies)) is var (chained, fallsOn))
                    sourced.Add(new SourcedLine(jump.Line, document, null, []) { Through = chained, FallInto = fallsOn ? onward : null });
                else if (FallsOnlyInto(method, document, jump, onward))
                    sourced.Add(new SourcedLine(jump.Line, document, null, []) { FallInto = onward });
                continue;
            }
            // The statement before jumps there too (`if (x < 0) continue; break;`, both dropped):
            // whatever falls into the target counts that jump's runs as well. Left out.
            if (jump.BeforeJumpsToTarget)
                continue;
            // Over an array, a `foreach` goes on at its index's increment, hidden, falling into the `in`.
            if (syntax.IsForEachIn(jump.TargetLine, jump.TargetColumn) && HiddenRunInto(method, target) is { } increment)
                (site, target) = (null, increment);
            if (site is not null && !method.JumpTargets.Contains(target) && !hidden.Copied(site))
                sourced.Add(new SourcedLine(jump.Line, document, site, []));
            else if (FallsOnlyInto(method, document, jump, target))
                sourced.Add(new SourcedLine(jump.Line, document, null, []) { FallInto = target });
            else if ((DroppedJumpWays.Into(method, document, jump, target, hidden.Copies) ?? LoopBeforeJumpWays.Into(method, document, jump, target, hidden.Copies)) is var (through, falls))
                sourced.Add(new SourcedLine(jump.Line, document, null, []) { Through = through, FallInto = falls ? target : null });
            else if (jump.SwitchLine > 0 && BreakOnlySections.Choices(branches, jump.SwitchLine, target, jump.SectionLabels) is { Count: > 0 } chosen)
                sourced.Add(new SourcedLine(jump.Line, document, null, []) { Through = chosen });
        }
    }

    /// <summary>The start of the straight code under a hidden point that falls into
    /// <paramref name="at"/> and holds no jump (an array <c>foreach</c>'s increment); null where
    /// the code before it is another statement's.</summary>
    private static Instruction? HiddenRunInto(MethodContext method, Instruction at)
    {
        for (var instruction = at.Previous; instruction is { OpCode.FlowControl: FlowControl.Next }; instruction = instruction.Previous)
            if (method.PointAt(instruction) is { } point)
                return point.IsHidden ? instruction : null;
        return null;
    }

    /// <summary>Whether the statement before <paramref name="jump"/> reaches
    /// <paramref name="target"/> only by falling from its last instruction into it: it starts at a
    /// point of its own before the target, its code ends in an instruction that falls through, and
    /// nothing in it jumps or leaves to the target (<c>if (x) n++;</c> does when <c>x</c> is false).</summary>
    private static bool FallsOnlyInto(MethodContext method, string document, PlainJump jump, Instruction target)
    {
        if (jump.BeforeLine == 0 || target.Previous is not { OpCode.FlowControl: FlowControl.Next or FlowControl.Call } || target.Previous.OpCode.Code == Code.Jmp)
            return false;
        var end = method.IndexOf(target);
        for (var i = end - 1; i >= 0; i--)
        {
            var instruction = method.Instructions[i];
            if (instruction.Operand == target || instruction.Operand is Instruction[] table && Array.IndexOf(table, target) >= 0)
                return false;
            if (method.PointAt(instruction) is { IsHidden: false } point && point.StartLine == jump.BeforeLine && point.StartColumn == jump.BeforeColumn && point.Document.Url == document)
                return true;
        }
        return false;
    }
}
