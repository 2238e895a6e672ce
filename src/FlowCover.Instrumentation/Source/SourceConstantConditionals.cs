using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace FlowCover.Instrumentation.Source;

public sealed partial class SourceDocument
{
    /// <summary>
    /// Whether the statement starting here is one <c>?:</c> whose arms are the constants 1 and 0
    /// or <c>true</c> and <c>false</c>, kept whole (<c>return c ? 1 : 0;</c>, <c>=&gt; a &lt; b ?
    /// 1 : 0</c>, <c>var v = c ? 0 : 1;</c>, <c>x = c ? true : false;</c>), its condition holding
    /// no decision of its own: Release computes its value without a branch (the condition's
    /// value, or its negation), so the value is the condition's outcome. True when the arms are
    /// the other way round (<c>c ? 0 : 1</c>: the value is 1 when the condition is false); null
    /// for any other statement.
    /// </summary>
    public bool? ConstantArmsConditional(int line, int column)
    {
        var value = StatementAt(line, column) switch
        {
            ReturnStatementSyntax statement => statement.Expression,
            ExpressionSyntax expression when expression.Parent is ArrowExpressionClauseSyntax => expression,
            LocalDeclarationStatementSyntax { Declaration.Variables: [{ Initializer.Value: var initial }] } => initial,
            ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Right: var right } } => right,
            _ => null,
        };
        while (value is ParenthesizedExpressionSyntax parenthesized)
            value = parenthesized.Expression;
        if (value is not ConditionalExpressionSyntax conditional || ArmValue(conditional.WhenTrue) is not { } whenTrue
            || ArmValue(conditional.WhenFalse) is not { } whenFalse || whenTrue == whenFalse
            || conditional.Condition.DescendantNodesAndSelf().Any(IsDecision))
            return null;
        return !whenTrue;
    }

    /// <summary>
    /// Whether the statement starting here holds one <c>?:</c>, its arms 1 and 0, as the right
    /// operand of a <c>+</c> or <c>-</c> (<c>s.Start = pos + (c ? 1 : 0);</c>, <c>End = p - 1 - (c
    /// ? 1 : 0)</c> in an initializer) and no other decision: Release computes the value with no
    /// branch, right before the <c>add</c> or <c>sub</c> that takes it. True when the arms are the
    /// other way round; null for any other statement.
    /// </summary>
    public bool? ConstantArmsOperand(int line, int column)
    {
        if (StatementAt(line, column) is not { } statement)
            return null;
        ConditionalExpressionSyntax? only = null;
        foreach (var node in statement.DescendantNodes())
        {
            if (node is ConditionalExpressionSyntax conditional && only is null)
                only = conditional;
            else if (IsDecision(node))
                return null;
        }
        SyntaxNode? operand = only;
        while (operand?.Parent is ParenthesizedExpressionSyntax parenthesized)
            operand = parenthesized;
        if (only is null || operand?.Parent is not BinaryExpressionSyntax binary || binary.Right != operand
            || !(binary.IsKind(SyntaxKind.AddExpression) || binary.IsKind(SyntaxKind.SubtractExpression))
            || ArmValue(only.WhenTrue) is not { } whenTrue || ArmValue(only.WhenFalse) is not { } whenFalse || whenTrue == whenFalse)
            return null;
        return !whenTrue;
    }

    /// <summary>The statement (or expression body) that starts at the token here.</summary>
    private SyntaxNode? StatementAt(int line, int column)
    {
        if (Token(line, column) is not { } token)
            return null;
        SyntaxNode? node = token.Parent;
        while (node?.Parent is { } parent && parent.SpanStart == token.SpanStart && node is not StatementSyntax && node.Parent is not ArrowExpressionClauseSyntax)
            node = parent;
        return node;
    }

    /// <summary>The value of a <c>?:</c> arm that is one constant integer or <c>bool</c>
    /// (<c>true</c> as 1, <c>false</c> as 0, <c>-1</c>), given as its one span; null for any other arm.</summary>
    public int? ArmConstant(IReadOnlyList<TextSpan> spans) =>
        spans is [var span] && span.End <= _text.Length && RootAt(span.Start).FindNode(span, getInnermostNodeForTie: true) is ExpressionSyntax arm && arm.Span == span ? ConstantOf(arm) : null;

    private static int? ConstantOf(ExpressionSyntax arm) => arm switch
    {
        ParenthesizedExpressionSyntax parenthesized => ConstantOf(parenthesized.Expression),
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.TrueLiteralExpression } => 1,
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.FalseLiteralExpression } => 0,
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression, Token.Value: int number } => number,
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: LiteralExpressionSyntax { Token.Value: int negated } } => -negated,
        _ => null,
    };

    /// <summary>True for an arm <c>1</c> or <c>true</c>, false for <c>0</c> or <c>false</c>.</summary>
    private static bool? ArmValue(ExpressionSyntax arm) => arm switch
    {
        ParenthesizedExpressionSyntax parenthesized => ArmValue(parenthesized.Expression),
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.TrueLiteralExpression } => true,
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.FalseLiteralExpression } => false,
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression, Token.Value: int number } when number is 0 or 1 => number == 1,
        _ => null,
    };

    /// <summary>A node that is a decision of its own, or code the IL would branch in.</summary>
    private static bool IsDecision(SyntaxNode node) =>
        node is ConditionalExpressionSyntax or IsPatternExpressionSyntax or SwitchExpressionSyntax or ConditionalAccessExpressionSyntax
            or AnonymousFunctionExpressionSyntax or AwaitExpressionSyntax
        || node.IsKind(SyntaxKind.LogicalAndExpression) || node.IsKind(SyntaxKind.LogicalOrExpression) || node.IsKind(SyntaxKind.CoalesceExpression);
}
