namespace FlowCover.Instrumentation.Source;

/// <summary>
/// What one scan of a file's characters says of its <c>switch</c> keywords, before any of it is
/// parsed: whether it may hold a <c>switch</c> statement on a name (<c>switch (c)</c>) and whether
/// it may hold a <c>switch</c> expression (<c>c switch { ... }</c>). Each is false only where no
/// such construct can be written, so a lookup that can find nothing else answers "none" without
/// a search of the tree; true proves nothing (the word may be in a comment or a string, or
/// trivia between the tokens makes the scan give up), and the tree then decides as before.
/// </summary>
internal readonly record struct SwitchKeywords(bool MayBeOnName, bool MayBeExpression)
{
    /// <summary>Scans <paramref name="text"/>. The keyword is the six letters with no letter,
    /// digit or underscore after them (a keyword written with a Unicode escape is an identifier).
    /// After it, past white space: <c>(</c> opens a statement's expression (an expression's
    /// keyword is followed by <c>{</c>), and the statement is on a name when a simple identifier
    /// follows, then <c>)</c>. Anything the scan does not read plainly (a comment, a directive, a
    /// character outside ASCII, an escape) counts as "may".</summary>
    public static SwitchKeywords Of(ReadOnlySpan<char> text)
    {
        bool onName = false, expression = false;
        for (var at = text.IndexOf("switch", StringComparison.Ordinal); at >= 0 && !(onName && expression);)
        {
            var after = at + "switch".Length;
            if (after >= text.Length || !IsIdentifierPart(text[after]))
            {
                var next = SkipSpace(text, after);
                if (next >= text.Length || text[next] != '(')
                    expression |= next < text.Length; // `{`, or something the scan does not read.
                else
                    onName |= MayBeName(text, next + 1);
            }
            var rest = text.Length - after;
            var found = text.Slice(after, rest).IndexOf("switch", StringComparison.Ordinal);
            at = found < 0 ? -1 : after + found;
        }
        return new SwitchKeywords(onName, expression);
    }

    /// <summary>Whether the statement's expression starting at <paramref name="start"/> (after its
    /// <c>(</c>) may be a simple name: an identifier then <c>)</c>, or something the scan does
    /// not read plainly.</summary>
    private static bool MayBeName(ReadOnlySpan<char> text, int start)
    {
        var at = SkipSpace(text, start);
        if (at >= text.Length)
            return false;
        if (!IsPlain(text[at]))
            return true;
        if (text[at] == '@')
            at++;
        var first = at;
        while (at < text.Length && IsIdentifierPart(text[at]))
            at++;
        if (at < text.Length && !IsPlain(text[at]))
            return true;
        if (at == first)
            return false;
        at = SkipSpace(text, at);
        return at < text.Length && (text[at] == ')' || !IsPlain(text[at]));
    }

    /// <summary>Whether the scan reads <paramref name="c"/> as itself: not the start of a comment
    /// or directive, an escape, or a character outside ASCII (which may be a letter or white space).</summary>
    private static bool IsPlain(char c) => c < 0x80 && c is not ('/' or '#' or '\\');

    private static bool IsIdentifierPart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';

    private static int SkipSpace(ReadOnlySpan<char> text, int at)
    {
        while (at < text.Length && text[at] is ' ' or '\t' or '\r' or '\n' or '\v' or '\f')
            at++;
        return at;
    }
}
