using FlowCover.Instrumentation.Il;
using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Release: an inner loop's <c>break;</c> onto an outer loop's <c>break;</c>, both with their own
/// <c>br</c>: Release retargets the inner one straight to where the outer one goes. IL read: the two
/// <c>br</c>s, the inner one's operand the outer one's; each run of the inner ran the outer too.
/// </summary>
internal static class ThreadedJumps
{
    /// <summary>The outer jump (the target of <paramref name="jump"/>, a line already) counted on
    /// the inner <c>br</c> too, where both are threaded jumps of their own.</summary>
    public static void AddOuter(HiddenLines hidden, PlainJump jump)
    {
        var (method, document, lines, sourced) = (hidden.Method, hidden.Document, hidden.Lines, hidden.Sourced);
        // `{ n++; break; } } break;`.
        if (At(method, document, lines, jump.Line) is { } inner && At(method, document, lines, jump.TargetLine) is { } outer
            && inner.At != outer.At && inner.At.Operand is Instruction to && to == outer.At.Operand)
            sourced.Add(new SourcedLine(jump.TargetLine, document, outer, [new EdgeRef(inner.At, 1)]) { PastOwnCode = true });
    }

    /// <summary>The site of the jump statement (<c>break;</c>, <c>continue;</c>) on
    /// <paramref name="line"/> when it is that line's one site and compiled to its own <c>br</c>;
    /// null otherwise.</summary>
    internal static LineSite? At(MethodContext method, string document, List<LineSite> lines, int line)
    {
        var sites = lines.Where(l => l.Line == line && l.Document == document).ToList();
        return sites is [{ At.OpCode.Code: Code.Br or Code.Br_S } site] && method.Sources.Line(document, line) is { } text && SyntaxLook.Code(text) is "break;" or "continue;"
            ? site
            : null;
    }
}
