using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlowCover.Instrumentation.Source;

public sealed partial class SourceDocument
{
    /// <summary>
    /// Whether the statement starting here holds one <c>?:</c>, and it is an operand of a
    /// <c>&amp;&amp;</c> or <c>||</c> (through parentheses and <c>!</c>: Markdig CharHelper.cs:201,
    /// <c>IsCjk(r) || (twoPrevious ? IsAmbiguous(r, pc) : IsSelector(r))</c>): the value it chooses
    /// is then a condition of its own, beside its condition (docs/annotations.md, "What is a
    /// branch"). False for any other statement.
    /// </summary>
    public bool HoldsConditionalOperand(int line, int column)
    {
        if (StatementAt(line, column) is not { } statement)
            return false;
        ConditionalExpressionSyntax? only = null;
        foreach (var node in statement.DescendantNodes())
        {
            if (node is not ConditionalExpressionSyntax conditional)
                continue;
            if (only is not null)
                return false;
            only = conditional;
        }
        SyntaxNode? operand = only;
        while (operand?.Parent is ParenthesizedExpressionSyntax or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression })
            operand = operand.Parent;
        return operand?.Parent is BinaryExpressionSyntax binary
            && (binary.IsKind(SyntaxKind.LogicalAndExpression) || binary.IsKind(SyntaxKind.LogicalOrExpression));
    }
}
