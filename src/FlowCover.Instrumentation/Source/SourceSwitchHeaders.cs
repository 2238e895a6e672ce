using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlowCover.Instrumentation.Source;

public sealed partial class SourceDocument
{
    /// <summary>The header (<c>switch (c)</c>) of the <c>switch</c> statement on a local or
    /// parameter whose first section's first statement's code starts here (a <c>foreach</c> at its
    /// collection, a <c>for</c> at its initializer): Release gives such a header no point, its
    /// dispatch only a hidden one, right before that code. Null otherwise.</summary>
    public SourceSpan? SwitchHeaderBefore(int line, int column)
    {
        if (!_switches.MayBeOnName || Token(line, column) is not { } token)
            return null;
        for (SyntaxNode? node = token.Parent; node is not null && !IsBodyBoundary(node); node = node.Parent)
        {
            if (node is not SwitchSectionSyntax { Parent: SwitchStatementSyntax { Expression: IdentifierNameSyntax } switchStatement } section)
                continue;
            // A `try` opening the section has no code of its own: the dispatch falls into its block.
            // A `foreach` opening it starts with reading its collection, where its point is: the
            // dispatch falls into that reading (likewise a `for`'s initializer).
            if (section.Statements.FirstOrDefault() is not { } first || StatementWhereCodeStarts(first) is not { } start
                || CodeStart(start) != token.SpanStart)
                return null;
            var from = _text.Lines.GetLinePosition(switchStatement.SwitchKeyword.SpanStart);
            var to = _text.Lines.GetLinePosition(switchStatement.CloseParenToken.Span.End);
            return new SourceSpan(from.Line + 1, from.Character + 1, to.Line + 1, to.Character + 1);
        }
        return null;
    }

    /// <summary>The <c>switch</c> expression holding the given position (an arm's), where it is
    /// the right operand of <c>&amp;&amp;</c>/<c>||</c> (<c>ok = n &gt;= 4 &amp;&amp; c switch { ... }</c>):
    /// the left operand is tested before the dispatch, and Release, with no point between, falls
    /// from that test straight into it. Null otherwise.</summary>
    public SourceSpan? SwitchExpressionAfterOperand(int line, int column)
    {
        if (!_switches.MayBeExpression || Token(line, column) is not { } token)
            return null;
        for (SyntaxNode? node = token.Parent; node is not null && !IsBodyBoundary(node); node = node.Parent)
        {
            if (node is not SwitchExpressionSyntax expression)
                continue;
            SyntaxNode operand = expression;
            while (operand.Parent is ParenthesizedExpressionSyntax parenthesized)
                operand = parenthesized;
            if (operand.Parent is not BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression or (int)SyntaxKind.LogicalOrExpression } binary
                || binary.Right != operand)
                return null;
            var from = _text.Lines.GetLinePosition(expression.SpanStart);
            var to = _text.Lines.GetLinePosition(expression.Span.End);
            return new SourceSpan(from.Line + 1, from.Character + 1, to.Line + 1, to.Character + 1);
        }
        return null;
    }

    /// <summary>The line the body holding the given position begins on: its method, accessor,
    /// local function, lambda or other member (what compiles to one IL body), so that a search for
    /// the <c>switch</c> of a dispatch goes no further up than its own body. Null when the source
    /// cannot say.</summary>
    public int? BodyStartLine(int line, int column)
    {
        if (Token(line, column) is not { } token)
            return null;
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            if (node is BaseTypeDeclarationSyntax or BaseNamespaceDeclarationSyntax)
                return null;
            if (node is AccessorDeclarationSyntax || IsBodyBoundary(node))
                return LineOf(node.SpanStart);
        }
        return null;
    }
}
