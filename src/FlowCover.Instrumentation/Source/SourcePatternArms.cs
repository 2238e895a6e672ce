using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace FlowCover.Instrumentation.Source;

public sealed partial class SourceDocument
{
    /// <summary>
    /// Whether the statement whose sequence point spans the given (1-based, end exclusive)
    /// positions holds a property or list pattern that is an arm of a <c>?:</c>, through
    /// parentheses (<c>y != 0 ? y &lt; 2 : s is { Length: &gt; 2 }</c>): the compiler computes the
    /// pattern's value into the arms' join rather than branching on it. Lambdas are left out.
    /// </summary>
    public bool HoldsPatternArm(int startLine, int startColumn, int endLine, int endColumn)
    {
        if (Position(startLine, startColumn) is not { } start || Position(endLine, endColumn) is not { } end || end <= start)
            return false;
        var span = TextSpan.FromBounds(start, end);
        foreach (var inside in Inside(NodeAt(span), span))
            foreach (var node in inside.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
                if (node is IsPatternExpressionSyntax { Pattern: RecursivePatternSyntax or ListPatternSyntax } pattern && IsArm(pattern))
                    return true;
        return false;
    }

    private static bool IsArm(SyntaxNode expression) =>
        InParentheses(expression) is { Parent: ConditionalExpressionSyntax conditional } node && (conditional.WhenTrue == node || conditional.WhenFalse == node);

    /// <summary>The outermost parentheses around <paramref name="expression"/>, or itself.</summary>
    private static SyntaxNode InParentheses(SyntaxNode expression)
    {
        var node = expression;
        while (node.Parent is ParenthesizedExpressionSyntax parenthesized)
            node = parenthesized;
        return node;
    }
}
