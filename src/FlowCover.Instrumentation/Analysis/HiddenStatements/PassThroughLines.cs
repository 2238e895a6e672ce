using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Release: <c>while (true)</c> and <c>using T x = null;</c> compile to nothing. IL read: the site
/// of the statement after (each time round, for the loop's body's first statement); where that is
/// a <c>while (c)</c> loop, the jumps to its condition (<see cref="LoopEntries"/>). Release may
/// also put <c>while (true)</c>'s point on the <c>br</c> back to its body, dropped here.
/// </summary>
internal static class PassThroughLines
{
    /// <summary>The cheap look (<see cref="SyntaxNeed"/>): a line with <c>while (true)</c>, or
    /// with <c>using </c> and <c>= null</c>.</summary>
    public static bool MayApplyAt(SyntaxLook look, int line, string text) =>
        text.Contains("while (true)", StringComparison.Ordinal)
        || text.Contains("using ", StringComparison.Ordinal) && text.Contains("= null", StringComparison.Ordinal);

    public static void Add(HiddenLines hidden)
    {
        var (method, syntax, anchor, document, lines, sourced) = (hidden.Method, hidden.Syntax, hidden.Anchor, hidden.Document, hidden.Lines, hidden.Sourced);
        foreach (var statement in syntax.PassThroughStatements(anchor.StartLine, anchor.StartColumn))
        {
            LineSite? next = null;
            foreach (var site in lines)
                if (site.Line == statement.NextLine && site.Document == document && (next is null || method.IndexOf(site.At) < method.IndexOf(next.At)))
                    next = site;
            // Release may put `while (true)`'s point on the jump back to its body, which runs only
            // from the second time round: the line is its body's start, each time, as the source says.
            var jumpsBack = next is not null && lines.RemoveAll(l => l.Line == statement.Line && l.Document == document && l.At.OpCode.Code is Code.Br or Code.Br_S && l.At.Operand == next.At) > 0;
            if (!jumpsBack && hidden.Known(statement.Line))
                continue;
            // `while (true)` whose body starts with `while (c)`: that line's code is `c`, tested each
            // way round the inner loop; the body starts on each jump to it (the inner loop's entry,
            // the outer loop's way back, threaded there). The line is left out where those cannot be told.
            if (statement.NextIsLoop)
            {
                if (next is not null && LoopEntries(method, next.At) is { Count: > 0 } entries)
                    sourced.Add(new SourcedLine(statement.Line, document, null, []) { Through = entries });
                continue;
            }
            if (next is not null && (jumpsBack || !hidden.Copied(next)))
                sourced.Add(new SourcedLine(statement.Line, document, next, []));
        }
    }

    /// <summary>The edges that jump to the condition of the <c>while</c> loop whose code starts at
    /// <paramref name="site"/> (its condition, or the <c>br</c> to it), each the loop starting: the
    /// condition is otherwise reached only by falling from the loop's body. Empty where the
    /// condition is not laid out so, or a <c>switch</c> goes there.</summary>
    private static List<EdgeRef> LoopEntries(MethodContext method, Instruction site)
    {
        var condition = site.OpCode.Code is Code.Br or Code.Br_S ? (Instruction)site.Operand : site;
        if (condition.Previous is not { } before || !BranchShapes.FallsThrough(before.OpCode) || method.IndexOf(condition) < method.IndexOf(site))
            return [];
        var edges = new List<EdgeRef>();
        foreach (var instruction in method.Instructions)
        {
            if (instruction.Operand is Instruction[] table && Array.IndexOf(table, condition) >= 0)
                return [];
            if (instruction.Operand != condition)
                continue;
            if (instruction.OpCode.FlowControl != FlowControl.Cond_Branch && instruction.OpCode.Code is not (Code.Br or Code.Br_S))
                return [];
            edges.Add(new EdgeRef(instruction, 1));
        }
        return edges;
    }
}
