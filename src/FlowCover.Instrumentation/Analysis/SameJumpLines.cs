using FlowCover.Instrumentation.Il;
using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Twin jumps (<see cref="SourceDocument.SameJumpTwins"/>: <c>if (n is null) return t; return t;</c>)
/// where Release kept one copy of their code: it dropped the <c>if</c>'s test or its last
/// operand's (both ways went to the same code), or kept a point for one twin only. The copy left runs for both under the point
/// of one, or of another path's copy, and no instruction tells which twin ran: a count there
/// would be wrong for the one it names. Both twins' lines are left out then (an honest absence;
/// Debug keeps the test and both points, and is unchanged).
/// </summary>
internal static class SameJumpLines
{
    /// <summary>Whether the text of the method's lines holds one jump written twice, the first
    /// after an <c>if</c> line or a brace: a cheap look, so that the file is parsed only when
    /// the shape may be there.</summary>
    public static bool MayHave(SyntaxLook look)
    {
        // Asked of every body whose syntax is not needed otherwise: each line is looked at as a
        // span of its text, and only a jump line after an `if` or a brace is copied out.
        HashSet<string>? seen = null;
        var before = ReadOnlySpan<char>.Empty;
        for (var line = look.First; line <= look.Last; line++)
        {
            if (look.Line(line) is not { } text)
                return false;
            var code = text.AsSpan().Trim();
            if (code.StartsWith("return", StringComparison.Ordinal) || code.StartsWith("break", StringComparison.Ordinal)
                || code.StartsWith("continue", StringComparison.Ordinal) || code.StartsWith("goto", StringComparison.Ordinal))
            {
                if (seen is not null && seen.GetAlternateLookup<ReadOnlySpan<char>>().Contains(code))
                    return true;
                if (before.StartsWith("if", StringComparison.Ordinal) || before is "{")
                    (seen ??= []).Add(code.ToString());
            }
            if (code.Length > 0)
                before = code;
        }
        return false;
    }

    /// <summary>Removes from <paramref name="lines"/> the sites of twin jumps Release merged, and
    /// returns those twins' lines (of the body's first file), for no later rule to place them.
    /// Where both twins kept a point but the <c>if</c>'s test was dropped, a jump the <c>if</c>
    /// goes on to that lands on the second twin (<c>break;</c> onto <c>return t;</c>) is left out
    /// as well: it ran when the <c>if</c> went that way, which no instruction tells any more, and
    /// the code it lands on runs for other ways in too (a <c>default</c> section falling into it).</summary>
    public static List<int> Drop(MethodContext method, SourceDocument syntax, List<LineSite> lines)
    {
        var anchor = method.SequencePoints.First(p => !p.Point.IsHidden).Point;
        var document = anchor.Document.Url;
        var leftOut = new List<int>();
        foreach (var twins in syntax.SameJumpTwins(anchor.StartLine, anchor.StartColumn))
        {
            var first = lines.Find(site => Starts(method, site, document, twins.First));
            var both = first is not null && lines.Exists(site => Starts(method, site, document, twins.Second));
            if (both && EnteredByTest(method, document, first!, twins.If))
                continue;
            lines.RemoveAll(site => Starts(method, site, document, twins.First) || Starts(method, site, document, twins.Second));
            leftOut.Add(twins.First.Line);
            leftOut.Add(twins.Second.Line);
            if (both && twins.Via != default)
                leftOut.Add(twins.Via.Line);
        }
        return leftOut;
    }

    /// <summary>Removes the statements a Release rule placed on a line <see cref="Drop"/> left out.</summary>
    public static void Unplace(List<SourcedLine> sourced, List<int> leftOut, string? document)
    {
        if (leftOut.Count > 0)
            sourced.RemoveAll(s => s.Document == document && leftOut.Contains(s.Line));
    }

    /// <summary>Whether the first twin's code is entered by the <c>if</c>'s test alone: it
    /// follows a conditional branch of the <c>if</c> (past <c>nop</c>s), or follows code that
    /// does not fall through and is a conditional branch's target. Where Release dropped the test,
    /// or its last operand's (a value popped), the code before falls into it on both ways.</summary>
    private static bool EnteredByTest(MethodContext method, string document, LineSite first, (int Line, int Column) at)
    {
        bool OfIf(Instruction i) => BranchShapes.IsDecisionOpCode(i.OpCode) && method.StatementOf(i) is { } statement
            && statement.Document.Url == document && statement.StartLine == at.Line && statement.StartColumn == at.Column;
        var before = first.At.Previous;
        while (before is { OpCode.Code: Code.Nop })
            before = before.Previous;
        if (before is null || OfIf(before))
            return before is not null;
        return before.OpCode.Code is Code.Ret or Code.Br or Code.Br_S or Code.Throw or Code.Leave or Code.Leave_S
            && method.Instructions.Any(i => OfIf(i) && i.Operand is Instruction target && Past(target) == first.At);
    }

    private static Instruction Past(Instruction at)
    {
        while (at is { OpCode.Code: Code.Nop, Next: { } next })
            at = next;
        return at;
    }

    private static bool Starts(MethodContext method, LineSite site, string document, (int Line, int Column) at) =>
        site.Document == document && site.Line == at.Line && method.PointAt(site.At) is { IsHidden: false } point
        && point.StartLine == at.Line && point.StartColumn == at.Column;
}
