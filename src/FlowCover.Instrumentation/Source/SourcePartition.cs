using Microsoft.CodeAnalysis.Text;

namespace FlowCover.Instrumentation.Source;

/// <summary>
/// Where a large source file can be cut into parts that parse alone into the trees the whole
/// file gives: at the starts of lines between whole type declarations of one namespace body (or
/// of the file), outside comments, strings and <c>#if</c>/<c>#region</c> blocks. Found by one
/// scan of the characters, far cheaper than the parse. A scan the file fools (a construct it
/// does not know) cuts in the middle of something, and a part cut there does not parse without
/// errors, which <see cref="SourceTrees"/> checks: such a part's lines are read from the whole
/// file's tree instead.
/// </summary>
internal static class SourcePartition
{
    /// <summary>The parts of <paramref name="text"/> (line-aligned spans, in order, each at least
    /// <paramref name="target"/> characters where the cuts allow, the last one possibly less),
    /// read from <paramref name="chars"/>, the same characters; null where the file is not cut
    /// (a <c>#define</c> or <c>#undef</c>, whose symbol would be lost to a later part, or fewer
    /// than two parts).</summary>
    public static IReadOnlyList<TextSpan>? Of(ReadOnlySpan<char> chars, int target)
    {
        var cuts = Cuts(chars);
        if (cuts is null)
            return null;
        var parts = new List<TextSpan>();
        var (start, last, epoch) = (0, 0, 0);
        foreach (var (at, atEpoch) in cuts)
        {
            if (atEpoch != epoch)
            {
                // A namespace opens or closes between: what was gathered ends at the cut before it.
                if (last > start)
                    parts.Add(TextSpan.FromBounds(start, last));
                (start, last, epoch) = (at, at, atEpoch);
                continue;
            }
            last = at;
            if (at - start >= target)
            {
                parts.Add(TextSpan.FromBounds(start, at));
                start = at;
            }
        }
        if (last > start)
            parts.Add(TextSpan.FromBounds(start, last));
        return parts.Count > 1 ? parts : null;
    }

    private enum Opened { Namespace, Brace, Hole }

    /// <summary>Each place a part may start or end, with its epoch: the count of namespace braces
    /// opened or closed (and file-scoped namespaces declared) before it. Two places of one epoch
    /// have whole declarations between them.</summary>
    private static List<(int At, int Epoch)>? Cuts(ReadOnlySpan<char> s)
    {
        var cuts = new List<(int, int)> { (0, 0) };
        // What each open brace is; an interpolated string's hole is closed by its '}'.
        var open = new Stack<(Opened Kind, int Quotes, int Dollars, bool Verbatim)>();
        var (epoch, directives, braces) = (0, 0, 0); // braces: open braces other than namespaces'
        var statementStart = -1;                   // the first character of the declaration being read at this level
        var pending = false;                       // a cut at the next line break, if only trivia comes before it
        var lineStart = true;                      // nothing but white space since the last line break
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '\n')
            {
                if (pending && directives == 0 && braces == 0)
                    cuts.Add((i + 1, epoch));
                pending = false;
                lineStart = true;
                i++;
                continue;
            }
            if (c is ' ' or '\t' or '\r' or '\f' or '\v')
            {
                i++;
                continue;
            }
            if (c == '#' && lineStart)
            {
                var end = s[i..].IndexOf('\n') is var n and >= 0 ? i + n : s.Length;
                var directive = s[(i + 1)..end].TrimStart();
                if (directive.StartsWith("define") || directive.StartsWith("undef"))
                    return null;
                if (directive.StartsWith("if") || directive.StartsWith("region"))
                    directives++;
                else if (directive.StartsWith("endif") || directive.StartsWith("endregion"))
                    directives--;
                i = end;
                continue;
            }
            lineStart = false;
            if (c == '/' && i + 1 < s.Length && s[i + 1] == '/')
            {
                i = s[i..].IndexOf('\n') is var n and >= 0 ? i + n : s.Length;
                continue;
            }
            if (c == '/' && i + 1 < s.Length && s[i + 1] == '*')
            {
                var n = s[(i + 2)..].IndexOf("*/");
                if (n < 0)
                    return cuts;
                i += 2;
                // A line break inside the comment ends no line of code: Roslyn reads the comment
                // as trivia of the token before it, to the line break after it.
                i += n + 2;
                continue;
            }
            pending = false;
            if (statementStart < 0)
                statementStart = i;
            switch (c)
            {
                case '\'':
                    i = i + 1 < s.Length && s[i + 1] == '\\' ? SkipTo(s, i + 3, '\'') : SkipTo(s, i + 2, '\'');
                    continue;
                case ']' when braces == 0:
                    // After an attribute at namespace level: what follows starts a declaration.
                    statementStart = -1;
                    i++;
                    continue;
                case '"' or '@' or '$':
                    if (StringStart(s, i) is var (quotes, dollars, verbatim, length) && length > 0)
                    {
                        i = SkipString(s, i + length, quotes, dollars, verbatim, open);
                        continue;
                    }
                    break;
                case '{':
                    var isNamespace = braces == 0 && s[statementStart..].StartsWith("namespace") && statementStart + 9 < s.Length && !IsIdentifierPart(s[statementStart + 9]);
                    open.Push((isNamespace ? Opened.Namespace : Opened.Brace, 0, 0, false));
                    if (isNamespace)
                    {
                        epoch++;
                        pending = true;
                    }
                    else
                        braces++;
                    statementStart = -1;
                    i++;
                    continue;
                case '}':
                    if (open.Count == 0)
                        return cuts;
                    var closed = open.Pop();
                    if (closed.Kind == Opened.Hole)
                    {
                        i = SkipString(s, i + Math.Max(closed.Dollars, 1), closed.Quotes, closed.Dollars, closed.Verbatim, open);
                        continue;
                    }
                    if (closed.Kind == Opened.Namespace)
                        epoch++;
                    else
                        braces--;
                    pending = braces == 0;
                    statementStart = -1;
                    i++;
                    continue;
                case ';':
                    if (braces == 0 && statementStart >= 0 && s[statementStart..].StartsWith("namespace"))
                    {
                        epoch++;
                        pending = true;
                    }
                    statementStart = -1;
                    i++;
                    continue;
            }
            i++;
        }
        if (braces == 0 && directives == 0)
            cuts.Add((s.Length, epoch));
        return cuts;
    }

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static int SkipTo(ReadOnlySpan<char> s, int from, char c) =>
        from >= s.Length ? s.Length : s[from..].IndexOf(c) is var n and >= 0 ? from + n + 1 : s.Length;

    /// <summary>The string literal starting at <paramref name="i"/>, if one does: how many quotes
    /// open it (3 or more for a raw one), its <c>$</c> signs, whether it is verbatim, and the
    /// length of its opening.</summary>
    private static (int Quotes, int Dollars, bool Verbatim, int Length)? StringStart(ReadOnlySpan<char> s, int i)
    {
        var j = i;
        var dollars = 0;
        var verbatim = false;
        while (j < s.Length && (s[j] == '$' || s[j] == '@'))
        {
            if (s[j] == '$')
                dollars++;
            else
                verbatim = true;
            j++;
        }
        if (j >= s.Length || s[j] != '"' || dollars > 0 && verbatim && j - i != dollars + 1)
            return null;
        var quotes = 0;
        while (j + quotes < s.Length && s[j + quotes] == '"')
            quotes++;
        // "" is an empty string, """ opens a raw one.
        if (quotes == 2 || verbatim)
            quotes = Math.Min(quotes, 1);
        return (quotes, dollars, verbatim, j - i + quotes);
    }

    /// <summary>Past the string whose text starts at <paramref name="i"/>; at the opening of an
    /// interpolation's hole, the hole is pushed on <paramref name="open"/> and the scan goes on in
    /// code from there.</summary>
    private static int SkipString(ReadOnlySpan<char> s, int i, int quotes, int dollars, bool verbatim, Stack<(Opened, int, int, bool)> open)
    {
        while (i < s.Length)
        {
            var c = s[i];
            if (quotes >= 3)
            {
                if (c == '"' && Run(s, i, '"') >= quotes)
                    return i + Run(s, i, '"');
                if (dollars > 0 && c == '{' && Run(s, i, '{') is var run && run >= dollars)
                {
                    open.Push((Opened.Hole, quotes, dollars, verbatim));
                    return i + run;
                }
                i += c is '"' or '{' ? Run(s, i, c) : 1;
                continue;
            }
            if (c == '\\' && !verbatim)
            {
                i += 2;
                continue;
            }
            if (c == '"')
            {
                if (verbatim && i + 1 < s.Length && s[i + 1] == '"')
                {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            if (c == '\n' && !verbatim)
                return i;
            if (dollars > 0 && c == '{')
            {
                if (i + 1 < s.Length && s[i + 1] == '{')
                {
                    i += 2;
                    continue;
                }
                open.Push((Opened.Hole, quotes, dollars, verbatim));
                return i + 1;
            }
            i++;
        }
        return s.Length;
    }

    private static int Run(ReadOnlySpan<char> s, int i, char c)
    {
        var n = 0;
        while (i + n < s.Length && s[i + n] == c)
            n++;
        return n;
    }
}
