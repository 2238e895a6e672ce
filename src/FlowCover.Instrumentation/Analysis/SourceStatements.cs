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
    /// <summary>The syntax of the method's file, when the method may have a statement it corrects.</summary>
    public static SourceDocument? SyntaxFor(MethodContext method)
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
        return document is not null && SyntaxNeed.Of(method, document.Url, first, last) ? method.Sources.SyntaxOf(document) : null;
    }

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
                || own.IsEmptyStatement(point.StartLine, point.StartColumn)));
    }

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
