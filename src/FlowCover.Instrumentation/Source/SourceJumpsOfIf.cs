using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlowCover.Instrumentation.Source;

/// <summary>
/// The source shape of the guarded-own-jump rule: a jump that is the whole statement of an
/// <c>if</c> (<c>if (a || b) continue;</c>). The IL it is read from is
/// <c>Analysis.GuardedOwnJumpLines</c>.
/// </summary>
public sealed partial class SourceDocument
{
    /// <summary>The <c>break;</c>, <c>continue;</c> and <c>goto</c> statements of the body around
    /// the position that are the whole statement of an <c>if</c> (alone or first in its block),
    /// each with where the <c>if</c> starts: the jump runs exactly when the condition goes its
    /// true way.</summary>
    public IEnumerable<(int Line, int IfLine, int IfColumn)> JumpsOfIf(int line, int column)
    {
        foreach (var statement in StatementsOfBodyAround(line, column))
        {
            if (statement is not IfStatementSyntax ifStatement || Jump(ifStatement.Statement) is not { } jump)
                continue;
            var start = _text.Lines.GetLinePosition(ifStatement.SpanStart);
            yield return (LineOf(jump.SpanStart), start.Line + 1, start.Character + 1);
        }
    }
}
