namespace FlowCover.Instrumentation.Analysis;

/// <summary>Whether a method's IL or text shows a shape a Release rule of
/// <see cref="SourceStatements"/> speaks about: a cheap look, so that files are parsed only when
/// it pays. Each rule says its own shapes, beside its code: <see cref="MethodShapes"/> look at the
/// method as a whole, <see cref="LineShapes"/> at each line of its text in turn. A rule left out
/// of these lists runs only where another asks, and keeps the IL's count elsewhere
/// (SyntaxLookTests compare the models with the tree parsed for every method).</summary>
internal static class SyntaxNeed
{
    /// <summary>A rule's look at the method as a whole: its IL, its points.</summary>
    internal delegate bool MethodShape(SyntaxLook look);

    /// <summary>A rule's look at one line of the method's text (<paramref name="text"/> is line
    /// <paramref name="line"/>).</summary>
    internal delegate bool LineShape(SyntaxLook look, int line, string text);

    private static readonly MethodShape[] MethodShapes =
    [
        SourceStatements.MayDropPoints, DefaultInitializerLines.MayApply, CatchClauseLines.MayApply, LockLines.MayApply,
        CopiedReturns.MayHave, SameJumpLines.MayHave,
    ];

    private static readonly LineShape[] LineShapes =
    [
        SourceStatements.MayDropPointAt, PassThroughLines.MayApplyAt, DroppedJumpLines.MayApplyAt, BreakOnlySections.MayApplyAt,
        GuardedJumpLines.MayApplyAt, GuardedOwnJumpLines.MayApplyAt, GuardedRegionEndJumpLines.MayApplyAt, JumpAfterIfLines.MayApplyAt, LoopBeforeJumpWays.MayApplyAt, SourceStatements.MayBeUnreachableAt,
    ];

    /// <summary>Whether the IL or the text between the method's first and last lines shows a
    /// shape the source model speaks about; cheap, so that files are parsed only when it pays.</summary>
    internal static bool Of(MethodContext method, string path, int first, int last)
    {
        var look = new SyntaxLook(method, path, first, last);
        foreach (var shape in MethodShapes)
            if (shape(look))
                return true;
        // Release gives no point to a statement of no code before the first one that has code:
        // the lines up to the body's opening brace are read too.
        while (first > 1 && method.Sources.Line(path, first - 1) is { } previous && !previous.Contains('{', StringComparison.Ordinal))
            first--;
        look = look with { First = first };
        for (var line = first; line <= last; line++)
        {
            if (method.Sources.Line(path, line) is not { } text)
                return false;
            foreach (var shape in LineShapes)
                if (shape(look, line, text))
                    return true;
        }
        return false;
    }
}
