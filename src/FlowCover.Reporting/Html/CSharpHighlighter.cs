using System.Text;

namespace FlowCover.Reporting.Html;

/// <summary>
/// Syntax colouring for C# source pages: keywords, strings, comments, numbers and preprocessor
/// lines, each line returned as escaped HTML with its own closed spans (a source page puts
/// every line in its own element). A small lexer, not a parser: it carries across lines only
/// what spans lines in C# (block comments, verbatim and raw strings), and treats interpolation
/// holes as part of their string. Anything it does not recognise is plain, escaped text.
/// </summary>
public static class CSharpHighlighter
{
    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        // Contextual keywords that read as keywords in everyday code.
        "add", "and", "async", "await", "by", "dynamic", "equals", "file", "from", "get", "global", "group", "init",
        "into", "join", "let", "managed", "nameof", "nint", "not", "notnull", "nuint", "on", "or", "orderby",
        "partial", "record", "remove", "required", "scoped", "select", "set", "unmanaged", "value", "var", "when",
        "where", "with", "yield",
    ];

    /// <summary>The lexer's state between lines: inside a block comment or a multi-line string.</summary>
    private enum Carry
    {
        None,
        BlockComment,
        Verbatim,
        Raw,
    }

    public static IReadOnlyList<string> Highlight(IReadOnlyList<string> lines)
    {
        var html = new List<string>(lines.Count);
        var carry = Carry.None;
        var rawQuotes = 0;
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Clear();
            var i = 0;
            switch (carry)
            {
                case Carry.BlockComment:
                    i = EndOfBlockComment(line, 0, out var closed);
                    Span(builder, "c", line.AsSpan(0, i));
                    carry = closed ? Carry.None : Carry.BlockComment;
                    break;
                case Carry.Verbatim:
                    i = EndOfVerbatim(line, 0, out closed);
                    Span(builder, "s", line.AsSpan(0, i));
                    carry = closed ? Carry.None : Carry.Verbatim;
                    break;
                case Carry.Raw:
                    i = EndOfRaw(line, 0, rawQuotes, out closed);
                    Span(builder, "s", line.AsSpan(0, i));
                    carry = closed ? Carry.None : Carry.Raw;
                    break;
            }
            if (carry == Carry.None)
                carry = LexLine(line, i, builder, ref rawQuotes);
            html.Add(builder.ToString());
        }
        return html;
    }

    private static Carry LexLine(string line, int i, StringBuilder html, ref int rawQuotes)
    {
        if (i == 0 && line.AsSpan().TrimStart().StartsWith("#"))
        {
            Span(html, "p", line);
            return Carry.None;
        }
        while (i < line.Length)
        {
            var c = line[i];
            var start = i;
            if (c == '/' && At(line, i + 1) == '/')
            {
                Span(html, "c", line.AsSpan(i));
                return Carry.None;
            }
            if (c == '/' && At(line, i + 1) == '*')
            {
                i = EndOfBlockComment(line, i + 2, out var closed);
                Span(html, "c", line.AsSpan(start, i - start));
                if (!closed)
                    return Carry.BlockComment;
                continue;
            }
            if (c is '"' or '$' or '@' && StringStart(line, i) is { } opening)
            {
                var (prefix, quotes, verbatim) = opening;
                var closed = true;
                if (quotes >= 3)
                {
                    i = EndOfRaw(line, i + prefix + quotes, quotes, out closed);
                    Span(html, "s", line.AsSpan(start, i - start));
                    if (!closed)
                    {
                        rawQuotes = quotes;
                        return Carry.Raw;
                    }
                    continue;
                }
                var interpolated = line.AsSpan(start, prefix).Contains('$');
                i = verbatim ? EndOfVerbatim(line, i + prefix + 1, out closed) : EndOfString(line, i + prefix + 1, '"', interpolated);
                Span(html, "s", line.AsSpan(start, i - start));
                if (verbatim && !closed)
                    return Carry.Verbatim;
                continue;
            }
            if (c == '\'')
            {
                i = EndOfString(line, i + 1, '\'', interpolated: false);
                Span(html, "s", line.AsSpan(start, i - start));
                continue;
            }
            if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(At(line, i + 1))))
            {
                i++;
                while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] == '_' || (line[i] == '.' && char.IsAsciiDigit(At(line, i + 1)))))
                    i++;
                Span(html, "n", line.AsSpan(start, i - start));
                continue;
            }
            if (char.IsLetter(c) || c is '_' or '@')
            {
                i++;
                while (i < line.Length && (char.IsLetterOrDigit(line[i]) || line[i] == '_'))
                    i++;
                var word = line.Substring(start, i - start);
                if (Keywords.Contains(word))
                    Span(html, "k", word);
                else
                    HtmlText.Append(html, word);
                continue;
            }
            HtmlText.Append(html, line.AsSpan(i, 1));
            i++;
        }
        return Carry.None;
    }

    /// <summary>A string literal starting at <paramref name="i"/>: the length of its prefix
    /// (<c>$</c>, <c>@</c>, <c>$$</c>...), its number of opening quotes, and whether it is verbatim.</summary>
    private static (int Prefix, int Quotes, bool Verbatim)? StringStart(string line, int i)
    {
        var j = i;
        var verbatim = false;
        while (j < line.Length && line[j] is '$' or '@')
        {
            verbatim |= line[j] == '@';
            j++;
        }
        if (At(line, j) != '"')
            return null;
        var quotes = 0;
        while (At(line, j + quotes) == '"')
            quotes++;
        // "" is an empty string, not the start of a raw one.
        return (j - i, quotes >= 3 ? quotes : 1, verbatim);
    }

    /// <summary>The end of a one-line literal; in an interpolated string, quotes inside
    /// <c>{...}</c> holes open nested strings rather than closing this one.</summary>
    private static int EndOfString(string line, int i, char quote, bool interpolated)
    {
        var holes = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }
            if (interpolated && c == '{' && holes == 0 && At(line, i + 1) == '{')
            {
                i += 2;
                continue;
            }
            if (interpolated && c == '{')
                holes++;
            else if (interpolated && c == '}' && holes > 0)
                holes--;
            else if (c == '"' && holes > 0)
            {
                i = EndOfString(line, i + 1, '"', interpolated: false);
                continue;
            }
            else if (c == quote)
                return i + 1;
            i++;
        }
        return line.Length;
    }

    private static int EndOfVerbatim(string line, int i, out bool closed)
    {
        while (i < line.Length)
        {
            if (line[i] == '"')
            {
                if (At(line, i + 1) == '"')
                {
                    i += 2;
                    continue;
                }
                closed = true;
                return i + 1;
            }
            i++;
        }
        closed = false;
        return line.Length;
    }

    private static int EndOfRaw(string line, int i, int quotes, out bool closed)
    {
        var end = line.IndexOf(new string('"', quotes), i, StringComparison.Ordinal);
        closed = end >= 0;
        if (!closed)
            return line.Length;
        end += quotes;
        while (At(line, end) == '"')
            end++;
        return end;
    }

    private static int EndOfBlockComment(string line, int i, out bool closed)
    {
        var end = line.IndexOf("*/", i, StringComparison.Ordinal);
        closed = end >= 0;
        return closed ? end + 2 : line.Length;
    }

    private static char At(string line, int i) => i < line.Length ? line[i] : '\0';

    private static void Span(StringBuilder html, string kind, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
            return;
        html.Append("<span class=\"").Append(kind).Append("\">");
        HtmlText.Append(html, text);
        html.Append("</span>");
    }
}
