using FlowCover.Instrumentation.Source;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Release: a field or property initializer to a default value (<c>= null!;</c>, <c>= 0;</c>,
/// <c>= Style.Any;</c>) compiles to nothing. IL read: the points of the constructor's initializers
/// with code and of the code after them; the line ran when the next one started.
/// </summary>
internal static class DefaultInitializerLines
{
    /// <summary>The cheap look (<see cref="SyntaxNeed"/>): a constructor.</summary>
    public static bool MayApply(SyntaxLook look) => look.Method.Method.IsConstructor;

    /// <summary>The initializers to a default value (<c>= null!;</c>, <c>= Style.Any;</c>) that
    /// Release compiles to nothing (those that may be one and have no code): each ran when the
    /// code after it starts, that of the next initializer the constructor runs or, after the
    /// last, of the constructor's own <c>base(...)</c> call or body, which nothing else leads to
    /// (a constructor's initializers are straight-line code). The constructor runs each part of a
    /// partial type (a file's declaration) together, in its declaration order, the parts one after
    /// another: a part's place is where its initializers with code are, and one with none has no
    /// place the IL shows, so its lines are left out. Only where the initializers with code lie in
    /// the constructor so.</summary>
    public static void Add(MethodContext method, SourceDocument syntax, SequencePoint anchor, List<LineSite> lines, List<SourcedLine> sourced,
        Func<string, int, bool> known)
    {
        var isStatic = method.Method.IsStatic;
        bool Candidate(string document, MemberInitializer i) => i.MayBeDefault && i.IsStatic == isStatic && !known(document, i.Line);
        if (syntax.PartInitializersAround(anchor.StartLine, anchor.StartColumn) is not ({ } initializers, var partial)
            || !partial && !initializers.Any(i => Candidate(anchor.Document.Url, i))
            || !isStatic && !syntax.RunsInitializers(anchor.StartLine, anchor.StartColumn, initializers))
            return;
        // The initializers with code, in IL order, each with its file and where it starts, then
        // where the code after the last one starts (no file, index -1).
        var parts = new Dictionary<string, (SourceDocument Syntax, IReadOnlyList<MemberInitializer> Initializers)> { [anchor.Document.Url] = (syntax, initializers) };
        var ran = new List<(string? Document, int Index, Instruction At)>();
        foreach (var (at, point) in method.SequencePoints)
        {
            if (point.IsHidden)
                continue;
            var document = point.Document.Url;
            if (!parts.TryGetValue(document, out var part))
            {
                if (!partial || method.Sources.SyntaxOf(point.Document) is not { } other
                    || other.PartInitializersAround(point.StartLine, point.StartColumn) is not ({ } own, true))
                    return;
                parts[document] = part = (other, own);
            }
            var index = part.Syntax.InitializerAt(point.StartLine, point.StartColumn, part.Initializers);
            if (index < 0)
            {
                ran.Add((null, -1, at));
                break;
            }
            // Not in declaration order, or a part's initializers not together: the order is not told.
            if (ran.Count > 0 && (ran[^1].Document == document ? index <= ran[^1].Index : ran.Exists(r => r.Document == document)))
                return;
            ran.Add((document, index, at));
        }
        foreach (var (document, part) in parts)
        {
            var first = ran.FindIndex(r => r.Document == document);
            var last = ran.FindLastIndex(r => r.Document == document);
            for (var m = 0; m < part.Initializers.Count; m++)
            {
                var initializer = part.Initializers[m];
                if (!Candidate(document, initializer) || ran.Exists(r => r.Document == document && r.Index == m))
                    continue;
                // The next of its part's with code, or what follows the part; with no code in the
                // part, what follows the initializers, where the type has no other part.
                var after = first < 0 ? (partial ? -1 : 0) : ran.FindIndex(first, last - first + 1, r => r.Index > m) is >= 0 and var k ? k : last + 1;
                var next = after >= 0 && after < ran.Count ? ran[after].At : null;
                if (next is null || method.JumpTargets.Contains(next))
                    continue;
                if (lines.FirstOrDefault(l => l.At == next) is { } site)
                    sourced.Add(new SourcedLine(initializer.Line, document, site, []));
                else
                    lines.Add(new LineSite(next, initializer.Line, document));
            }
        }
    }
}
