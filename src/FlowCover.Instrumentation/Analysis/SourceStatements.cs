using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Where the source model (<see cref="SourceDocument"/>) corrects the statements the sequence
/// points give: points that are no statement (a label, a constructor's signature) are dropped,
/// and statements without a point are added where the IL can tell honestly when they run, each
/// by a Release rule of its own (<see cref="AddHidden"/>). Without the source (gone, or not the
/// file compiled) nothing changes. The file is parsed only for a method whose IL or text shows
/// one of these shapes (<see cref="SyntaxNeed"/>).
/// </summary>
internal static class SourceStatements
{
    /// <summary>The syntax of the method's file, when the method may have a statement it corrects,
    /// or <paramref name="always"/>.</summary>
    public static SourceDocument? SyntaxFor(MethodContext method, bool always = false)
    {
        var points = method.SequencePoints;
        Document? document = null;
        int first = int.MaxValue, last = 0;
        foreach (var (_, point) in points)
        {
            if (point.IsHidden)
                continue;
            document ??= point.Document;
            first = Math.Min(first, point.StartLine);
            last = Math.Max(last, point.EndLine);
        }
        return document is not null && (always || SyntaxNeed.Of(method, document.Url, first, last)) ? method.Sources.SyntaxOf(document) : null;
    }

    /// <summary>The cheap look (<see cref="SyntaxNeed"/>) for <see cref="DropNonStatements"/>: a
    /// constructor (its signature's point), a point that starts on a <c>;</c> (Debug's on an
    /// empty statement: <c>done: ;</c>, <c>{ ... };</c>), or one that starts on a jump's keyword
    /// on a shared landing (<see cref="IsOnSharedLanding"/>, the rule's own IL test).</summary>
    public static bool MayDropPoints(SyntaxLook look)
    {
        var method = look.Method;
        if (method.Method.IsConstructor)
            return true;
        foreach (var (at, point) in method.SequencePoints)
            if (!point.IsHidden && point.Document.Url == look.Path && look.Line(point.StartLine) is { } pointLine
                && point.StartColumn >= 1 && point.StartColumn <= pointLine.Length
                && (pointLine[point.StartColumn - 1] == ';' || IsOnSharedLanding(method, at) && StartsJump(pointLine.AsSpan(point.StartColumn - 1))))
                return true;
        return false;
    }

    private static bool StartsJump(ReadOnlySpan<char> text) =>
        text.StartsWith("break", StringComparison.Ordinal) || text.StartsWith("continue", StringComparison.Ordinal) || text.StartsWith("goto", StringComparison.Ordinal);

    /// <summary>The cheap look for <see cref="DropNonStatements"/>' labels: a line with a <c>goto</c>.</summary>
    public static bool MayDropPointAt(SyntaxLook look, int line, string text) => text.Contains("goto", StringComparison.Ordinal);

    /// <summary>The cheap look for the dead code of <see cref="AddHidden"/>: a line that ends in a
    /// jump, followed by one that neither closes the block nor is a label or a case.</summary>
    public static bool MayBeUnreachableAt(SyntaxLook look, int line, string text) =>
        EndsWithJump(SyntaxLook.Code(text)) && look.Line(line + 1) is { } next && !EndsBlock(SyntaxLook.Code(next));

    private static bool EndsWithJump(ReadOnlySpan<char> code) =>
        code.EndsWith(";") && (code.StartsWith("return") || code.StartsWith("throw") || code.StartsWith("break;")
            || code.StartsWith("continue;") || code.StartsWith("goto ") || code.StartsWith("yield break;"));

    private static bool EndsBlock(ReadOnlySpan<char> code) =>
        code.Length == 0 || code[0] == '}' || code.StartsWith("case ") || code.StartsWith("default:") || code.EndsWith(":") || code.StartsWith("#");

    /// <summary>Drops the lines whose point is not a statement by the source: each by the
    /// syntax of its own file (<paramref name="syntax"/> is the body's first; a constructor may
    /// have points in another file of a partial class, parsed then only when its checksum is the
    /// PDB's too).</summary>
    public static void DropNonStatements(MethodContext method, SourceDocument syntax, List<LineSite> lines)
    {
        var first = method.SequencePoints.First(p => !p.Point.IsHidden).Point.Document.Url;
        lines.RemoveAll(site => method.PointAt(site.At) is { IsHidden: false } point
            && point.StartLine == site.Line
            && (point.Document.Url == first ? syntax : method.Sources.SyntaxOf(point.Document)) is { } own
            && (own.IsLabel(point.StartLine, point.StartColumn) || own.IsConstructorSignature(point.StartLine, point.StartColumn)
                || own.IsEmptyStatement(point.StartLine, point.StartColumn)
                || IsOnSharedLanding(method, site.At) && own.IsJumpStatement(point.StartLine, point.StartColumn)));
    }

    /// <summary>Whether a jump statement's point at <paramref name="at"/> is on its target's code
    /// rather than its own. Release drops a <c>br</c> to the next instruction and can leave the
    /// jump's point on that instruction; where other code jumps there too (a loop's exit), a
    /// probe there counts every way into the target, not the jump, so the point is no line of
    /// the jump's: the Release rules place the jump or leave it out. A point on a <c>br</c> or
    /// <c>leave</c>, or on code nothing jumps to (a <c>ret</c> Release copied in place of a
    /// <c>br</c> to one), is the jump's own.</summary>
    private static bool IsOnSharedLanding(MethodContext method, Instruction at) =>
        !IsJumpCode(at) && method.JumpTargets.Contains(at);

    private static bool IsJumpCode(Instruction at) => at.OpCode.Code is Code.Br or Code.Br_S or Code.Leave or Code.Leave_S;

    /// <summary>Adds the statements the PDB does not show: with a probe of their own in
    /// <paramref name="lines"/>, or read from another statement's or an outcome's probe (the
    /// returned list). Each Release rule is a class of its own, run in this order: a rule sees the
    /// lines the ones before it placed.</summary>
    public static List<SourcedLine> AddHidden(MethodContext method, SourceDocument syntax, List<LineSite> lines, List<BranchSite> branches)
    {
        if (lines.Count == 0)
            return [];
        var hidden = new HiddenLines(method, syntax, lines, branches);
        CatchClauseLines.Add(hidden);
        LockLines.Add(hidden);
        GuardedJumpLines.Add(hidden);
        DroppedJumpLines.Add(hidden);
        PassThroughLines.Add(hidden);
        JumpAfterIfLines.Add(hidden);
        GuardedOwnJumpLines.Add(hidden);
        GuardedRegionEndJumpLines.Add(hidden);
        if (method.Method.IsConstructor)
            DefaultInitializerLines.Add(method, syntax, hidden.Anchor, lines, hidden.Sourced, hidden.KnownIn);

        // Dead code: a line with no probe, always missed.
        foreach (var line in syntax.UnreachableStatementLines(hidden.Anchor.StartLine, hidden.Anchor.StartColumn))
            if (!hidden.Known(line))
                hidden.Sourced.Add(new SourcedLine(line, hidden.Document, null, []));

        foreach (var (copy, original) in hidden.Copies)
            hidden.Sourced.Add(new SourcedLine(original.Line, hidden.Document, original, []) { Copy = copy });
        return hidden.Sourced;
    }
}
