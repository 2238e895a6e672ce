using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlowCover.Instrumentation.Source;

public sealed partial class SourceDocument
{
    /// <summary>Whether the statement starting at (<paramref name="line"/>, <paramref name="column"/>)
    /// goes on, when it ends, to the statement starting at (<paramref name="nextLine"/>,
    /// <paramref name="nextColumn"/>) and to nothing else: an expression statement or declaration
    /// as it completes, a <c>break</c>, <c>continue</c> or <c>goto</c> where it jumps, a
    /// <c>switch</c> of constant cases only where it goes when none matches. False where the
    /// source does not tell one place (a <c>finally</c>, a <c>using</c>'s dispose in between).</summary>
    public bool GoesOnTo(int line, int column, int nextLine, int nextColumn)
    {
        if (Token(line, column) is not { } token || token.Parent?.FirstAncestorOrSelf<StatementSyntax>() is not { } statement
            || statement.SpanStart != token.SpanStart || Token(nextLine, nextColumn) is not { } next)
            return false;
        var target = statement switch
        {
            ExpressionStatementSyntax or LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0 } => SuccessorStart(statement),
            BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax => TargetStart(statement),
            SwitchStatementSyntax switchStatement when switchStatement.Sections.All(s => s.Labels.All(l => l is CaseSwitchLabelSyntax))
                => SuccessorStart(statement), // Constants only: no section takes every value.
            _ => null,
        };
        return target == next.SpanStart;
    }
}
