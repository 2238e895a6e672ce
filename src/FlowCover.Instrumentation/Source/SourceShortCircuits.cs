using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace FlowCover.Instrumentation.Source;

public sealed partial class SourceDocument
{
    /// <summary>Whether the statement whose point spans the given (1-based, end exclusive)
    /// positions writes an operator the IL's eager <c>or</c> (<paramref name="or"/>) or
    /// <c>and</c> may stand for: <c>||</c> or a pattern <c>or</c> (<c>&amp;&amp;</c> or a pattern
    /// <c>and</c>). The compiler turns <c>a || b</c> on plain booleans into the same eager
    /// <c>or</c> as the user's <c>a | b</c> and <c>has |= x is T</c>, which make no decision:
    /// only the source tells them apart. True where the source cannot say.</summary>
    public bool WritesShortCircuit(int startLine, int startColumn, int endLine, int endColumn, bool or)
    {
        if (Position(startLine, startColumn) is not { } start || Position(endLine, endColumn) is not { } end || end <= start)
            return true;
        var span = TextSpan.FromBounds(start, end);
        var (logical, pattern) = or ? (SyntaxKind.LogicalOrExpression, SyntaxKind.OrPattern) : (SyntaxKind.LogicalAndExpression, SyntaxKind.AndPattern);
        return NodeAt(span, TokenAt(start)).DescendantNodesAndSelf(n => n.Span.IntersectsWith(span))
            .Any(n => span.Contains(n.Span) && (n.IsKind(logical) || n.IsKind(pattern)));
    }
}
