using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>Whether a method's IL or text shows a shape a Release rule of
/// <see cref="SourceStatements"/> speaks about: a cheap look, so that files are parsed only when
/// it pays.</summary>
internal static class SyntaxNeed
{
    /// <summary>Whether the IL or the text between the method's first and last lines shows a
    /// shape the source model speaks about; cheap, so that files are parsed only when it pays.</summary>
    internal static bool Of(MethodContext method, string path, int first, int last)
    {
        var body = method.Method.Body;
        if (method.Method.IsConstructor)
            return true;
        foreach (var handler in body.ExceptionHandlers)
            if (handler.HandlerType == ExceptionHandlerType.Catch)
                return true;
        foreach (var instruction in method.Instructions)
            if (instruction.Operand is MethodReference { Name: "EnterScope" })
                return true;
        if (CopiedReturns.MayHave(method, path) || SameJumpLines.MayHave(method, path, first, last))
            return true;
        // Debug's point on an empty statement (`done: ;`, `{ ... };`) starts on its `;`.
        foreach (var (_, point) in method.SequencePoints)
            if (!point.IsHidden && point.Document.Url == path && method.Sources.Line(path, point.StartLine) is { } pointLine
                && point.StartColumn >= 1 && point.StartColumn <= pointLine.Length && pointLine[point.StartColumn - 1] == ';')
                return true;
        // Release gives no point to a statement of no code before the first one that has code:
        // the lines up to the body's opening brace are read too.
        while (first > 1 && method.Sources.Line(path, first - 1) is { } previous && !previous.Contains('{', StringComparison.Ordinal))
            first--;
        char before = ' ';
        for (var line = first; line <= last; line++)
        {
            if (method.Sources.Line(path, line) is not { } text)
                return false;
            if (text.Contains("goto", StringComparison.Ordinal) || text.Contains("continue", StringComparison.Ordinal)
                || text.Contains("while (true)", StringComparison.Ordinal) || text.Contains("using ", StringComparison.Ordinal) && text.Contains("= null", StringComparison.Ordinal))
                return true;
            // A section that is only `break;` (after its `case ...:` line): the dispatch goes past the switch.
            if (WithoutComment(text) is "break;" && line > first && method.Sources.Line(path, line - 1) is { } label && WithoutComment(label).EndsWith(':'))
                return true;
            // A `break;` right after a loop (`} while (c);`, or a loop of one statement): Release
            // sends the loop's way out straight to the `break;`'s target (JumpAfterIfLines).
            if (WithoutComment(text) is "break;" && (AfterLoop(method, path, line - 1) || AfterLoop(method, path, line - 2)))
                return true;
            // A `break;` that closes a switch's last section falls into the code after the switch.
            if (WithoutComment(text) is "break;" && method.Sources.Line(path, line + 1) is { } closing && WithoutComment(closing).StartsWith('}'))
                return true;
            // Code after a jump in its block: the next line is not a closing brace, a label, a case.
            if (EndsWithJump(text) && method.Sources.Line(path, line + 1) is { } next && !EndsBlock(next))
                return true;
            // `if (c) break;`, `else break;`, `if (c) { return; } break;` (a break after a closing
            // parenthesis, an `else` or a block, over a brace at most).
            for (var at = text.IndexOf("break", StringComparison.Ordinal); at >= 0; at = text.IndexOf("break", at + 5, StringComparison.Ordinal))
                if (LastCodeChar(text.AsSpan(0, at), before) is ')' or '}' or 'e')
                    return true;
            before = LastCodeChar(text, before);
        }
        return false;
    }

    /// <summary>Whether the line holds a loop's header or a <c>do</c> loop's end.</summary>
    private static bool AfterLoop(MethodContext method, string path, int line) =>
        method.Sources.Line(path, line) is { } text && WithoutComment(text) is var code
        && (code.StartsWith("while (") || code.StartsWith("} while (") || code.StartsWith("for ("));

    private static bool EndsWithJump(string text)
    {
        var code = WithoutComment(text);
        return code.EndsWith(";") && (code.StartsWith("return") || code.StartsWith("throw") || code.StartsWith("break;")
            || code.StartsWith("continue;") || code.StartsWith("goto ") || code.StartsWith("yield break;"));
    }

    private static bool EndsBlock(string text)
    {
        var code = WithoutComment(text);
        return code.Length == 0 || code[0] == '}' || code.StartsWith("case ") || code.StartsWith("default:") || code.EndsWith(":") || code.StartsWith("#");
    }

    internal static ReadOnlySpan<char> WithoutComment(string text)
    {
        var comment = text.IndexOf("//", StringComparison.Ordinal);
        return (comment < 0 ? text.AsSpan() : text.AsSpan(0, comment)).Trim();
    }

    /// <summary>The last character of <paramref name="text"/> that is neither blank nor an
    /// opening brace; <paramref name="before"/> when there is none.</summary>
    private static char LastCodeChar(ReadOnlySpan<char> text, char before)
    {
        var trimmed = text.TrimEnd().TrimEnd('{').TrimEnd();
        return trimmed.Length > 0 ? trimmed[^1] : before;
    }
}
