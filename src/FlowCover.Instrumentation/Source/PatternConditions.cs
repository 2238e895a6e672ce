using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace FlowCover.Instrumentation.Source;

public sealed partial class SourceDocument
{
    /// <summary>
    /// How many pattern tests the statement whose sequence point spans the given (1-based, end
    /// exclusive) positions keeps as values (<c>var isText = value is string;</c>, <c>=&gt; x is
    /// &gt; 0</c>, <c>Use(f ? 1 : 2, x is null)</c>), each a decision of two outcomes
    /// (docs/annotations.md, "What is a branch") that the compiler computes as one comparison with
    /// no branch. Other decisions may stand beside them (<c>?:</c>, <c>&amp;&amp;</c>/<c>||</c>,
    /// <c>??</c>, <c>?.</c>): they branch, and compare nothing unless an operand does. Null where a
    /// comparison in the IL could be another's than a kept pattern's: a comparison operator, a
    /// <c>!</c>, a pattern of several tests, a <c>switch</c> expression, or a pattern inside another
    /// decision (an operand of <c>&amp;&amp;</c>, a <c>?:</c>'s condition or arm), whose value the
    /// compiler may fold into that decision's branches. Lambdas are left out: their code is not the
    /// statement's.
    /// </summary>
    public int? PatternValuesOf(int startLine, int startColumn, int endLine, int endColumn)
    {
        if (Position(startLine, startColumn) is not { } start || Position(endLine, endColumn) is not { } end || end <= start)
            return null;
        var span = TextSpan.FromBounds(start, end);
        var node = NodeAt(span);
        if (node is StatementSyntax and not (ExpressionStatementSyntax or ReturnStatementSyntax or LocalDeclarationStatementSyntax))
            return null;
        var count = 0;
        foreach (var inside in Inside(node, span))
            foreach (var part in inside.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
                switch (part)
                {
                    case IsPatternExpressionSyntax pattern when IsOneComparison(pattern.Pattern):
                    case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.IsExpression }:
                        if (InsideDecision(part, inside))
                            return null;
                        count++;
                        break;
                    case BinaryExpressionSyntax when IsConditionalsTest(part):
                        break;
                    case IsPatternExpressionSyntax or SwitchExpressionSyntax
                        or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression }
                        or BinaryExpressionSyntax
                    {
                        RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression
                            or (int)SyntaxKind.LessThanExpression or (int)SyntaxKind.LessThanOrEqualExpression or (int)SyntaxKind.GreaterThanExpression
                            or (int)SyntaxKind.GreaterThanOrEqualExpression
                    }:
                        return null;
                }
        return count;
    }

    /// <summary>Whether <paramref name="binary"/> is the whole condition of a <c>?:</c>
    /// (<c>g == null ? [] : g.Items</c>): both builds branch on a comparison there (<c>brfalse</c>,
    /// <c>bne.un</c>), no comparison is left in the IL for it. (Only comparisons reach the case
    /// after, so any other operator answers the same either way.) Its operands are walked as
    /// parts of their own: a comparison inside one still makes the count null.</summary>
    private static bool IsConditionalsTest(SyntaxNode binary) =>
        InParentheses(binary) is { Parent: ConditionalExpressionSyntax conditional } node && conditional.Condition == node;

    /// <summary>Whether <paramref name="test"/> is part of another decision below
    /// <paramref name="top"/>: an operand of <c>&amp;&amp;</c>, <c>||</c> or <c>??</c>, a part of
    /// a <c>?:</c> or a <c>?.</c> chain.</summary>
    private static bool InsideDecision(SyntaxNode test, SyntaxNode top)
    {
        for (var node = test.Parent; node is not null && node != top.Parent; node = node.Parent)
            if (node is ConditionalExpressionSyntax or ConditionalAccessExpressionSyntax or AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceAssignmentExpression }
                or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression or (int)SyntaxKind.LogicalOrExpression or (int)SyntaxKind.CoalesceExpression })
                return true;
        return false;
    }

    /// <summary>A pattern a value is tested against with one comparison (<c>var</c> tests nothing).</summary>
    private static bool IsOneComparison(PatternSyntax pattern) => pattern is not VarPatternSyntax && ConditionWalk.IsSimple(pattern);

    private sealed partial class ConditionWalk
    {
        /// <summary>
        /// The conditions of a pattern that is more than one test (docs/annotations.md, "What is a
        /// branch"): each operand of <c>and</c>/<c>or</c> is a condition, named <c>is</c> and its
        /// text (<c>is &gt; 0</c>, <c>is null</c>), linked as <c>&amp;&amp;</c>/<c>||</c> link theirs
        /// (a <c>not</c> over them, the whole pattern, names them as its operand's: the compiler negates the operand's value after); each subpattern of a property pattern
        /// (<c>{ Carrier: "DHL", WeightKg: &lt; 30 }</c>) is a condition named by its text, all of
        /// them joined by <c>and</c>. Only shapes whose tests the compiler emits one to one, in the
        /// order written, are named: a pattern that holds an implicit test the compiler may hoist
        /// before an earlier operand (a list or property pattern's null test, a type before
        /// properties, a positional pattern) is unsupported, and keeps the jump form.
        /// </summary>
        private void Pattern(PatternSyntax pattern, ConditionRoot root, ConditionNext onTrue, ConditionNext onFalse)
        {
            switch (pattern)
            {
                case ParenthesizedPatternSyntax parenthesized:
                    Pattern(parenthesized.Pattern, root, onTrue, onFalse);
                    return;
                case BinaryPatternSyntax binary:
                    if (FoldedRange(binary))
                    {
                        // `x is 1 or 2`: the compiler may test the run of constants with one range
                        // check (`sub 1; ble.un 1`), one test for the whole; or one test each.
                        _sawRange = true;
                        if (FoldRanges)
                        {
                            _ranges.Add(_conditions.Count);
                            _constants[_conditions.Count] = ConstantsOf(binary)!;
                            _conditions.Add(("is " + Collapse(binary.ToString()), root, onTrue, onFalse));
                            return;
                        }
                    }
                    else if (EnumMembersOf(binary) is { } members)
                    {
                        // `q is Color.Red or Color.Green`: a run the IL may test with one range
                        // check, if the members' numbers are consecutive (the IL says).
                        _sawRange = true;
                        if (FoldRanges)
                        {
                            _ranges.Add(_conditions.Count);
                            _members[_conditions.Count] = members;
                            _conditions.Add(("is " + Collapse(binary.ToString()), root, onTrue, onFalse));
                            return;
                        }
                    }
                    var right = ConditionNext.Later();
                    if (binary.IsKind(SyntaxKind.AndPattern))
                        Pattern(binary.Left, root, right, onFalse);
                    else
                        Pattern(binary.Left, root, onTrue, right);
                    right.Resolve(_conditions.Count);
                    Pattern(binary.Right, root, onTrue, onFalse);
                    return;
                case UnaryPatternSyntax { Pattern: var operand } when !IsSimple(pattern):
                    // `x is not (null or [])`: the compiler computes the operand's value, storing a
                    // constant on each of its paths, and negates it after; so the constants its
                    // tests lead to are the operand's value, not the decision's. Its conditions are
                    // named as the operand's, read from those constants alone (a root with no
                    // places). Nested deeper, the negation may be folded into the tests instead.
                    // Nested in an `and`/`or` (`o is not (int or long) and not null`), the
                    // compiler folds the negation into where the operand's tests lead: each
                    // condition, still named by its own value, leads where the `not` sends it.
                    if (pattern.Parent is not IsPatternExpressionSyntax)
                    {
                        Pattern(operand, root, onFalse, onTrue);
                        return;
                    }
                    Pattern(operand, new ConditionRoot(DecisionKind.Value, [], [], false, Named: true), ConditionNext.Outcome(true), ConditionNext.Outcome(false));
                    return;
                case RecursivePatternSyntax { Type: null, PositionalPatternClause: null, PropertyPatternClause.Subpatterns: { Count: > 0 } properties }:
                    for (var k = 0; k < properties.Count; k++)
                    {
                        var next = k == properties.Count - 1 ? onTrue : ConditionNext.Later();
                        if (properties[k].Pattern is var property && !IsSimple(property) || properties[k].ExpressionColon is not (null or NameColonSyntax))
                            Unsupported = true; // Each nested test, or a member chain's null tests, is a branch more.
                        _conditions.Add((Collapse(properties[k].ToString()), root, next, onFalse));
                        if (k < properties.Count - 1)
                            next.Resolve(_conditions.Count);
                    }
                    return;
                // `arr is [_, ..]` alone: discards and a bare slice test the length alone, one
                // condition whose false is the null case too (the filters fold the null test).
                // Only alone or beside one other operand (`f && arr is [_, ..]`) and under no `?:`:
                // longer chains and `?:` arms the compiler joins or computes eagerly in shapes the
                // filters do not fold, and there the null test would be lined up with another
                // condition (LengthListPattern says the same from the text).
                case ListPatternSyntax list when pattern.Parent is IsPatternExpressionSyntax @is && TestsLengthOnly(list) && InShortCondition(@is):
                    _conditions.Add(("is " + Collapse(pattern.ToString()), root, onTrue, onFalse));
                    return;
                // `x is null or []`: the list's own null test is the one already made.
                case ListPatternSyntax when pattern.Parent is BinaryPatternSyntax { RawKind: (int)SyntaxKind.OrPattern } either && either.Right == pattern && IsNullTest(either.Left):
                case ConstantPatternSyntax or TypePatternSyntax or DeclarationPatternSyntax or RelationalPatternSyntax or UnaryPatternSyntax:
                    if (!IsSimple(pattern) && pattern is not ListPatternSyntax)
                        Unsupported = true;
                    if (pattern is ConstantPatternSyntax { Expression: var constant } && IntegerOf(constant) is { } value)
                        _constants[_conditions.Count] = [value];
                    else if (pattern is ConstantPatternSyntax { Expression: var named } && MemberOf(named) is { } member)
                        _members[_conditions.Count] = [member]; // Its test must compare that member's number (the IL says which).
                    else if (pattern is RelationalPatternSyntax { Expression: var limit } && IntegerOf(limit) is { } bound)
                        _bounds[_conditions.Count] = bound; // Its test must compare that bound (the IL may search the bounds in another order).
                    _conditions.Add(("is " + Collapse(pattern.ToString()), root, onTrue, onFalse));
                    return;
                default:
                    Unsupported = true;
                    return;
            }
        }

        /// <summary>Whether an <c>or</c> of constants is one the compiler may test with one range
        /// check: integer or character literals only (through parentheses), two or more, whose
        /// values are consecutive. Whether it did is the IL's to say (it may test each, or use a
        /// jump table): the labels line up the reading whose count of tests is the IL's.</summary>
        private static bool FoldedRange(BinaryPatternSyntax binary)
        {
            if (ConstantsOf(binary) is not { } values)
                return false;
            values.Sort();
            for (var k = 1; k < values.Count; k++)
                if (values[k] != values[k - 1] + 1)
                    return false;
            return values.Count >= 2;
        }

        /// <summary>The values of an <c>or</c> of integer or character literals only (through
        /// parentheses); null for any other pattern.</summary>
        private static List<long>? ConstantsOf(BinaryPatternSyntax binary)
        {
            if (OrParts(binary) is not { } parts)
                return null;
            var values = new List<long>(parts.Count);
            foreach (var part in parts)
            {
                if (part is not ConstantPatternSyntax { Expression: var constant } || IntegerOf(constant) is not { } value)
                    return null;
                values.Add(value);
            }
            return values;
        }

        /// <summary>The operands of an <c>or</c> (and of the <c>or</c>s in it, through
        /// parentheses) that are not themselves an <c>or</c>; null for any other pattern.</summary>
        private static List<PatternSyntax>? OrParts(BinaryPatternSyntax binary)
        {
            if (!binary.IsKind(SyntaxKind.OrPattern))
                return null;
            var operands = new List<PatternSyntax>();
            var parts = new Stack<PatternSyntax>([binary]);
            while (parts.TryPop(out var part))
                switch (part)
                {
                    case ParenthesizedPatternSyntax parenthesized:
                        parts.Push(parenthesized.Pattern);
                        break;
                    case BinaryPatternSyntax { RawKind: (int)SyntaxKind.OrPattern } or:
                        parts.Push(or.Left);
                        parts.Push(or.Right);
                        break;
                    default:
                        operands.Add(part);
                        break;
                }
            return operands;
        }

        /// <summary>Whether the whole expression <paramref name="test"/> stands in holds no
        /// <c>?:</c> and at most one <c>&amp;&amp;</c> or <c>||</c>.</summary>
        private static bool InShortCondition(ExpressionSyntax test)
        {
            var whole = test;
            while (whole.Parent is ExpressionSyntax outer)
                whole = outer;
            return !whole.DescendantNodesAndSelf().Any(n => n is ConditionalExpressionSyntax)
                && whole.DescendantNodesAndSelf().Count(n => n.IsKind(SyntaxKind.LogicalAndExpression) || n.IsKind(SyntaxKind.LogicalOrExpression)) <= 1;
        }

        /// <summary>Whether a list pattern's only test is of the length: no designation, its
        /// elements discards, at most one slice with no pattern of its own.</summary>
        private static bool TestsLengthOnly(ListPatternSyntax list) =>
            list.Designation is null
            && list.Patterns.All(p => p is DiscardPatternSyntax or SlicePatternSyntax { Pattern: null })
            && list.Patterns.Count(p => p is SlicePatternSyntax) <= 1;

        private static bool IsNullTest(PatternSyntax pattern) => pattern is ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } };
    }
}
