using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace FlowCover.Instrumentation.Source;

public sealed partial class SourceDocument
{
    /// <summary>
    /// Whether the text from here to there holds an interpolated string that is one hole and
    /// nothing else (<c>$"{Name(s)}"</c>, no alignment or format), which the compiler lowers to
    /// <c>Name(s) ?? ""</c> for a string, and no <c>??</c> or <c>??=</c> the user wrote: a
    /// <c>?? ""</c> in the IL is then the interpolation's, not a decision of the source.
    /// </summary>
    public bool HoldsOneHoleInterpolationOnly(int startLine, int startColumn, int endLine, int endColumn)
    {
        if (Position(startLine, startColumn) is not { } start || Position(endLine, endColumn) is not { } end || end <= start)
            return false;
        var span = TextSpan.FromBounds(start, end);
        var oneHole = false;
        foreach (var node in RootAt(start).DescendantNodes(span))
        {
            if (!span.Contains(node.Span))
                continue;
            if (node.IsKind(SyntaxKind.CoalesceExpression) || node.IsKind(SyntaxKind.CoalesceAssignmentExpression))
                return false;
            oneHole |= node is InterpolatedStringExpressionSyntax { Contents: [InterpolationSyntax { AlignmentClause: null, FormatClause: null }] };
        }
        return oneHole;
    }
}
