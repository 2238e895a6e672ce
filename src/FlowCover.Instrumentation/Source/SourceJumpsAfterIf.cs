using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlowCover.Instrumentation.Source;

/// <summary>
/// The source shape of the jump-after-if rule: a jump with its own <c>br</c> right after an
/// <c>if</c> that holds no jump of its own (<c>if (a) { n++; } else { n--; } break;</c>). The IL it
/// is read from is <c>Analysis.JumpAfterIfLines</c>.
/// </summary>
public sealed partial class SourceDocument
{
    /// <summary>The jump statements of the body around the position (in a block or a switch
    /// section) right after an <c>if</c>, with or without <c>else</c>s, or a <c>do</c>, <c>while</c>
    /// or <c>for</c> loop, that holds no jump out of it and no <c>throw</c> (a loop may hold
    /// <c>break;</c> and <c>continue;</c>: each stays in the loop or leaves it into the jump): each
    /// with where that statement starts, the line it ends on and whether it is a loop. It can only
    /// complete into the jump (a loop by its condition or its own <c>break;</c>s), or leave the
    /// method, so Release may send each way that completes it straight to the jump's target, past
    /// the jump's own code. An <c>if</c> may hold a loop (or <c>switch</c>) whose own
    /// <c>break;</c>s and <c>continue;</c>s stay in it; a <c>goto</c> to a label inside it; a
    /// <c>yield return</c>: its code returns (no branch) and the iterator resumes right after it,
    /// inside the <c>if</c>; a <c>return</c> or <c>yield break</c> whose code cannot be a branch to the target
    /// (<see cref="ReturnMayReach"/>, <see cref="YieldBreakMayReach"/>); a <c>try</c> (a <c>leave</c> to the target is no way the
    /// IL rule counts: it then gives the jump up).</summary>
    public IEnumerable<(int Line, int IfLine, int IfColumn, int IfEndLine, bool Loop)> JumpsAfterIf(int line, int column)
    {
        foreach (var statement in StatementsOfBodyAround(line, column))
        {
            var target = statement is ContinueStatementSyntax or BreakStatementSyntax or GotoStatementSyntax ? TargetStart(statement) : null;
            var returnAtTarget = target is { } at ? ReturnAt(at) : null;
            if (statement is not (ContinueStatementSyntax or BreakStatementSyntax or GotoStatementSyntax)
                || SiblingsOf(statement) is var siblings && siblings.IndexOf(statement) is not (> 0 and var index)
                || siblings[index - 1] is not { } before || before is not (IfStatementSyntax or DoStatementSyntax or WhileStatementSyntax or ForStatementSyntax)
                || OwnCode(before).Any(n => n is ThrowStatementSyntax
                    || n is YieldStatementSyntax { RawKind: (int)SyntaxKind.YieldBreakStatement } && YieldBreakMayReach(target)
                    || n is ReturnStatementSyntax inside && ReturnMayReach(inside, target, returnAtTarget)
                    || n is GotoStatementSyntax && !BoundInside((StatementSyntax)n, before)
                    || n is BreakStatementSyntax or ContinueStatementSyntax && before is IfStatementSyntax && !BoundInside((StatementSyntax)n, before)))
                continue;
            var start = _text.Lines.GetLinePosition(before.SpanStart);
            yield return (LineOf(statement.SpanStart), start.Line + 1, start.Character + 1, LineOf(before.Span.End), before is not IfStatementSyntax);
        }
    }

    /// <summary>Whether the code of <paramref name="inside"/>, a <c>return</c> in the statement
    /// before a jump, may go where the jump goes (<paramref name="target"/>, where the
    /// <c>return</c> there is <paramref name="returnAtTarget"/>): where that is the method's end
    /// or not one place (a <c>return;</c> may be a <c>br</c> to the last <c>ret</c>), or a
    /// <c>return</c> written as it is (Release may compile the two to one copy). Any other
    /// <c>return</c> leaves by code of its own, which no branch to the target is.</summary>
    private static bool ReturnMayReach(ReturnStatementSyntax inside, int? target, ReturnStatementSyntax? returnAtTarget) =>
        target is not >= 0 || IsTwin(inside, returnAtTarget);

    /// <summary>The nodes of <paramref name="statement"/> whose code is the method's own: not
    /// those inside a lambda or a local function, whose <c>return</c>s and jumps are their own
    /// (<c>await Task.Run(() => Execute(t));</c> in an <c>else</c>, Stateless
    /// StateMachine.Async.cs:316).</summary>
    private static IEnumerable<SyntaxNode> OwnCode(StatementSyntax statement) =>
        statement.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax));
}
