using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// The <c>return</c> statements Release copies into the statement before. Roslyn replaces an
/// unconditional <c>br</c> to a block that is only a <c>ret</c> by that <c>ret</c>; where the
/// block is a <c>return</c> statement's whole code (its value left on the stack by the statement
/// before, whose local Release dropped: <c>var ok = a &amp;&amp; b; return ok;</c>; or
/// <c>return;</c> in a <c>void</c> method), the statement that jumped there now ends in a copy of
/// it under its own point, and the <c>return</c> ran whenever either copy did. Each copy gets the
/// <c>return</c>'s probe (<see cref="SourcedLine.Copy"/>), so the line's count is both copies'
/// runs; the <c>return</c>'s own site then no longer tells that its first instruction ran, and
/// nothing may read it as that (a jump dropped into it gets a probe on its fall-through instead).
/// </summary>
internal static class CopiedReturns
{
    /// <summary>Whether the body may hold a copy: a <c>ret</c> that a <c>return</c> statement's
    /// point starts at, and another <c>ret</c> that ends a statement other than a <c>return</c>.
    /// IL and one source line per <c>ret</c>: cheap, so the file is parsed only for this shape.</summary>
    public static bool MayHave(SyntaxLook look)
    {
        var (method, path) = (look.Method, look.Path);
        bool returns = false, copies = false;
        foreach (var instruction in method.Instructions)
        {
            if (instruction.OpCode.Code != Code.Ret)
                continue;
            if (method.PointAt(instruction) is { IsHidden: false } own && Starts(method, path, own, "return"))
                returns = true;
            else if (Ended(method, instruction) is { } statement && !Starts(method, path, statement, "return") && !Starts(method, path, statement, "}"))
                copies = true;
            if (returns && copies)
                return true;
        }
        return false;
    }

    /// <summary>The copies of the <c>return</c> statements among <paramref name="lines"/>, each
    /// with the site of the <c>return</c> it copies: where the source says the statement a
    /// <c>ret</c> ends goes on to that <c>return</c> and nowhere else.</summary>
    public static List<(Instruction Copy, LineSite Original)> Find(MethodContext method, SourceDocument syntax, string document, List<LineSite> lines)
    {
        var copies = new List<(Instruction, LineSite)>();
        List<LineSite>? returns = null;
        foreach (var site in lines)
            if (site.At.OpCode.Code == Code.Ret && site.Document == document && !site.OnFallThrough
                && method.PointAt(site.At) is { IsHidden: false } own && own.StartLine == site.Line)
                (returns ??= []).Add(site);
        if (returns is null)
            return copies;
        foreach (var instruction in method.Instructions)
        {
            if (instruction.OpCode.Code != Code.Ret || Ended(method, instruction) is not { } statement || statement.Document.Url != document)
                continue;
            foreach (var site in returns)
            {
                var point = method.PointAt(site.At)!;
                if (site.At == instruction || !syntax.GoesOnTo(statement.StartLine, statement.StartColumn, point.StartLine, point.StartColumn))
                    continue;
                copies.Add((instruction, site));
                break;
            }
        }
        return copies;
    }

    /// <summary>The statement a <c>ret</c> ends, which is where its <c>br</c> stood: the one
    /// whose point starts at it or covers it, or the one before the hidden point a jump over an
    /// <c>else</c> gets. Null where other hidden code lies between.</summary>
    private static SequencePoint? Ended(MethodContext method, Instruction ret) => method.PointAt(ret) switch
    {
        { IsHidden: false } own => own,
        { IsHidden: true } => ret.Previous is { } before && method.CoveringPoint(before) is { IsHidden: false } point ? point : null,
        null => method.CoveringPoint(ret) is { IsHidden: false } point ? point : null,
    };

    private static bool Starts(MethodContext method, string path, SequencePoint point, string text) =>
        point.Document.Url == path && method.Sources.Line(path, point.StartLine) is { } line
        && point.StartColumn >= 1 && point.StartColumn <= line.Length && line.AsSpan(point.StartColumn - 1).StartsWith(text, StringComparison.Ordinal);
}
