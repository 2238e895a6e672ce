using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlowCover.Instrumentation.Source;

/// <summary>Two jumps written the same, one alone the way of an <c>if</c> without <c>else</c>
/// and the other where that <c>if</c> goes on (<see cref="SourceDocument.SameJumpTwins"/>):
/// positions (line, column) of the <c>if</c> and of each jump's start, and of the jump the
/// <c>if</c> goes on to when that one lands on the second twin (<c>break;</c> onto
/// <c>return t;</c>; (0, 0) when the <c>if</c> goes on to the twin itself).</summary>
public readonly record struct SameJumpTwins((int Line, int Column) If, (int Line, int Column) First, (int Line, int Column) Second, (int Line, int Column) Via = default);

public sealed partial class SourceDocument
{
    /// <summary>The twin jumps of the body around the position: a <c>return</c>, <c>break</c>,
    /// <c>continue</c> or <c>goto</c> that is alone the way of an <c>if</c> without <c>else</c>,
    /// where the <c>if</c>, when it does not take it, goes on to the same jump written the same
    /// (<c>if (n is null) return t; return t;</c>, <c>if (x > 1) break; break;</c>), or to a
    /// <c>break</c>, <c>continue</c> or <c>goto</c> that lands on it. Both ways run
    /// the same code, and Release may keep one copy of it for both.</summary>
    public IEnumerable<SameJumpTwins> SameJumpTwins(int line, int column)
    {
        foreach (var statement in StatementsOfBodyAround(line, column))
        {
            if (statement is not (ReturnStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax))
                continue;
            StatementSyntax way = statement.Parent is BlockSyntax { Statements.Count: 1 } block ? block : statement;
            if (way.Parent is not IfStatementSyntax { Else: null } owner || owner.Statement != way
                || SuccessorStart(owner) is not (>= 0 and var next) || StatementAt(next) is not { } second)
                continue;
            // `if (c) return t; break;` where the `break` lands on `return t;`: the twin is there.
            var via = second;
            if (!second.IsEquivalentTo(statement, topLevel: false) && second is BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax
                && TargetStart(second) is >= 0 and var onward && StatementAt(onward) is { } landed)
                second = landed;
            if (!second.IsEquivalentTo(statement, topLevel: false))
                continue;
            yield return new SameJumpTwins(Position(owner.SpanStart), Position(statement.SpanStart), Position(second.SpanStart),
                via == second ? default : Position(via.SpanStart));
        }
    }

    /// <summary>The statement that starts at <paramref name="position"/>, if one does.</summary>
    private StatementSyntax? StatementAt(int position) =>
        TokenAt(position).Parent?.FirstAncestorOrSelf<StatementSyntax>() is { } statement && statement.SpanStart == position ? statement : null;

    private (int Line, int Column) Position(int position)
    {
        var at = _text.Lines.GetLinePosition(position);
        return (at.Line + 1, at.Character + 1);
    }
}
