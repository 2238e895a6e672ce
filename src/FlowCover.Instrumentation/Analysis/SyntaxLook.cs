namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// What a Release rule's cheap look (its <c>MayApply</c>, asked by <see cref="SyntaxNeed"/>) sees
/// of one method before its file is parsed: its IL and points, and the text of its lines
/// <see cref="First"/> to <see cref="Last"/> (the first and last its points cover).
/// </summary>
internal readonly record struct SyntaxLook(MethodContext Method, string Path, int First, int Last)
{
    /// <summary>Line <paramref name="line"/> of the method's file, null when there is none.</summary>
    public string? Line(int line) => Method.Sources.Line(Path, line);

    /// <summary>The code of <paramref name="text"/>: without its <c>//</c> comment, trimmed.</summary>
    public static ReadOnlySpan<char> Code(string text)
    {
        var comment = text.IndexOf("//", StringComparison.Ordinal);
        return (comment < 0 ? text.AsSpan() : text.AsSpan(0, comment)).Trim();
    }

    /// <summary>The code of line <paramref name="line"/>; empty when there is none.</summary>
    public ReadOnlySpan<char> CodeOf(int line) => Line(line) is { } text ? Code(text) : [];

    /// <summary>Whether a <c>break</c> on line <paramref name="line"/> (<paramref name="text"/>)
    /// follows one of <paramref name="after"/> (<see cref="CodeCharBefore"/>).</summary>
    public bool BreakAfter(int line, string text, string after)
    {
        for (var at = text.IndexOf("break", StringComparison.Ordinal); at >= 0; at = text.IndexOf("break", at + 5, StringComparison.Ordinal))
            if (after.Contains(CodeCharBefore(line, at, First), StringComparison.Ordinal))
                return true;
        return false;
    }

    /// <summary>The last character of the text before column <paramref name="at"/> (0-based) of
    /// line <paramref name="line"/> that is neither blank nor an opening brace, looking back over
    /// the lines before it down to <paramref name="from"/>; a blank when there is none.</summary>
    public char CodeCharBefore(int line, int at, int from)
    {
        if (Line(line) is { } text && LastCodeChar(text.AsSpan(0, at)) is var own and not ' ')
            return own;
        for (var previous = line - 1; previous >= from; previous--)
            if (Line(previous) is { } earlier && LastCodeChar(earlier) is var found and not ' ')
                return found;
        return ' ';
    }

    private static char LastCodeChar(ReadOnlySpan<char> text)
    {
        var trimmed = text.TrimEnd().TrimEnd('{').TrimEnd();
        return trimmed.Length > 0 ? trimmed[^1] : ' ';
    }
}
