using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlowCover.Instrumentation.Source;

/// <summary>
/// Where control goes in the source: after a statement completes, and where a jump lands. Release
/// folds a jump that is one way of an <c>if</c> into the condition's branch; to find that branch,
/// the jump's target and the condition's other way are needed as places with a line of their own.
/// </summary>
public sealed partial class SourceDocument
{
    /// <summary>The jump statements of the body around the position that are one way of an
    /// <c>if</c>, each with the <c>if</c>'s line and the lines its two ways go on to:
    /// <list type="bullet">
    /// <item>the whole of an <c>if</c>'s statement (<c>if (c) continue;</c>, or
    /// <c>{ continue; }</c>): it runs when the condition goes to the jump's target rather than
    /// to where the <c>if</c> completes, or into its <c>else</c>;</item>
    /// <item>the whole of an <c>else</c> (<c>if (c) { ... } else break;</c>): it runs when the
    /// condition goes to the jump's target rather than into the <c>if</c>'s own statement;</item>
    /// <item>the statement right after an <c>if</c> without <c>else</c> whose own statement
    /// never completes (a jump, <c>return</c>, <c>throw</c>): it runs when the condition goes
    /// to that jump's target rather than into the <c>if</c>'s statement.</item>
    /// </list>
    /// Release compiles each to no instruction of its own: the condition's branch goes straight to
    /// the target, so that branch is exactly the jump.</summary>
    public IEnumerable<GuardedJump> GuardedJumps(int line, int column)
    {
        foreach (var statement in StatementsOfBodyAround(line, column))
        {
            if (statement is not IfStatementSyntax ifStatement || FirstStatement(ifStatement.Statement) is not { } then)
                continue;
            var ifLine = LineOf(ifStatement.SpanStart);
            var thenJump = Jump(ifStatement.Statement);
            var thenTarget = thenJump is not null ? GuardedTargetStart(thenJump) : null;
            if (ifStatement.Else is { } elseClause)
            {
                var elseJump = Jump(elseClause.Statement);
                var elseTarget = elseJump is not null ? GuardedTargetStart(elseJump) : null;
                if (elseTarget is not null)
                    yield return Guarded(elseJump!, ifLine, elseTarget.Value, thenTarget ?? then.SpanStart);
                if (thenTarget is not null && FirstStatement(elseClause.Statement) is { } otherwise)
                    yield return Guarded(thenJump!, ifLine, thenTarget.Value, elseTarget ?? otherwise.SpanStart);
                continue;
            }
            // Where the condition's other way goes: the statement after the if, or where it jumps.
            var next = NextWithCode(ifStatement);
            var after = next is not null ? Jump(next) : null;
            var afterTarget = after is not null ? GuardedTargetStart(after) : next?.SpanStart ?? SuccessorStart(ifStatement);
            if (afterTarget is null)
                continue;
            if (thenTarget is not null)
                yield return Guarded(thenJump!, ifLine, thenTarget.Value, afterTarget.Value);
            if (after is not null && (thenTarget is not null || thenJump is null && !CompletesNormally(ifStatement.Statement)))
                yield return Guarded(after, ifLine, afterTarget.Value, thenTarget ?? then.SpanStart);
        }
    }

    private GuardedJump Guarded(StatementSyntax jump, int ifLine, int target, int other) =>
        new(LineOf(jump.SpanStart), ifLine, LineAt(target), LineAt(other)) { TargetLines = LinesOnFrom(target), FalseLines = LinesOnFrom(other) };

    /// <summary>The line of the code at <paramref name="position"/>, then, where the statement
    /// there is a call, the lines of the statements after it in its block, each after a call: a
    /// call to a <c>[Conditional]</c> method (<c>Debug.Assert</c>) compiles to nothing in Release,
    /// and control goes on to the first of them that has code. Where the statement reached so is
    /// a <c>break;</c> or <c>continue;</c> (an inner loop's way onto the outer loop's
    /// <c>break;</c>), the lines on from its target follow: Release gives such a jump no code where
    /// it can, and a branch to it then goes straight to its target.</summary>
    private IReadOnlyList<int> LinesOnFrom(int position)
    {
        List<int> lines = [LineAt(position)];
        if (position == Exit)
            return lines;
        var statement = TokenAt(position).Parent?.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.SpanStart == position);
        while (statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax }
            && NextStatement(statement.Parent is LabeledStatementSyntax label ? label : statement) is { } next)
        {
            lines.Add(LineOf(CodeStart(next)));
            statement = next;
        }
        if (statement is BreakStatementSyntax or ContinueStatementSyntax && TargetStart(statement) is { } onward && onward != position)
            lines.AddRange(LinesOnFrom(onward));
        // A `try` has no code of its own: control goes on to its block's first statement.
        else if (statement is TryStatementSyntax && StatementWhereCodeStarts(statement) is { } start && start != statement)
            lines.AddRange(LinesOnFrom(CodeStart(start)));
        return lines;
    }

    /// <summary>Where a jump lands: the position of the code that runs next (a loop's increment
    /// or condition, <c>foreach</c>'s <c>in</c>, where a loop or <c>switch</c> completes to, a
    /// label's statement, a <c>case</c>'s first statement); null where that is not one place.</summary>
    private static int? TargetStart(StatementSyntax jump) => jump switch
    {
        ContinueStatementSyntax => EnclosingLoop(jump, includeSwitch: false) is { } loop ? ContinueStart(loop) : null,
        BreakStatementSyntax => EnclosingLoop(jump, includeSwitch: true) is StatementSyntax enclosing ? SuccessorStart(enclosing) : null,
        _ => TargetOf(jump) switch
        {
            EmptyStatementSyntax { Parent: LabeledStatementSyntax label } => SuccessorStart(label), // `done: ;`: what follows.
            { } target => CodeStart(target),
            null => null,
        },
    };

    /// <summary>The position <see cref="SuccessorStart"/> gives for the end of the body: the
    /// method returns (line 0, as an outcome that leaves the method goes on to).</summary>
    private const int Exit = -1;

    private int LineAt(int position) => position == Exit ? 0 : LineOf(position);

    /// <summary>Where a loop goes on after its body completes (a <c>continue</c>'s target).</summary>
    private static int? ContinueStart(SyntaxNode loop) => loop switch
    {
        ForStatementSyntax { Incrementors: [var increment, ..] } => increment.SpanStart,
        ForStatementSyntax { Condition: { } condition } => condition.SpanStart,
        WhileStatementSyntax { Condition: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.TrueLiteralExpression } } forever => FirstStatement(forever.Statement)?.SpanStart,
        WhileStatementSyntax loopWhile => loopWhile.Condition.SpanStart,
        DoStatementSyntax loopDo => loopDo.Condition.SpanStart,
        CommonForEachStatementSyntax each => each.InKeyword.SpanStart, // MoveNext, where the enumeration goes on.
        _ => null,
    };

    /// <summary>Where control goes when <paramref name="statement"/> completes normally: the next
    /// statement of its block, else out through enclosing blocks and <c>if</c>s to where those
    /// go, and at the end of a loop's body to where the loop goes on. Null where that leaves the
    /// body or passes through code the source does not place (a <c>finally</c>, a <c>using</c>'s
    /// dispose, a <c>switch</c> section's end). With <paramref name="outOfRegions"/>, on out of a
    /// <c>try</c> or <c>catch</c> block, a <c>lock</c> or a <c>using</c> to where the statement
    /// goes on: where a <c>leave</c> lands, past any <c>finally</c> it runs (for labels, which
    /// follow the <c>leave</c>; never for a count). With <paramref name="atRegionEnd"/>, at the
    /// end of a <c>try</c>'s, <c>catch</c>'s or <c>finally</c>'s block, its closing brace
    /// (<see cref="RegionEndStart"/>).</summary>
    private static int? SuccessorStart(StatementSyntax statement, bool outOfRegions = false, bool atRegionEnd = false)
    {
        for (SyntaxNode node = statement; node is StatementSyntax current;)
        {
            if (NextWithCode(current) is { } next)
                return CodeStart(next);
            switch (current.Parent)
            {
                case BlockSyntax { Parent: BlockSyntax or LabeledStatementSyntax or IfStatementSyntax or ElseClauseSyntax or ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or CommonForEachStatementSyntax } block:
                    node = block;
                    break;
                case LabeledStatementSyntax or IfStatementSyntax:
                    node = current.Parent;
                    break;
                case ElseClauseSyntax { Parent: IfStatementSyntax owner }:
                    node = owner;
                    break;
                case ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or CommonForEachStatementSyntax:
                    return ContinueStart(current.Parent);
                case BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax }:
                    return Exit;
                case BlockSyntax block when outOfRegions && RegionLeft(block) is { } region:
                    node = region;
                    break;
                case BlockSyntax { Parent: TryStatementSyntax or CatchClauseSyntax or FinallyClauseSyntax } region when atRegionEnd:
                    return region.CloseBraceToken.SpanStart;
                default:
                    return null;
            }
        }
        return null;
    }

    /// <summary>Where the code of <paramref name="node"/> starts, as its sequence point does: a
    /// <c>for</c> at its initializer (<c>var i = 0</c>), whose point the <c>for</c> keyword is not
    /// in; a <c>foreach</c> at its collection, read before the first item (Release has no point on
    /// the keyword); anything else at its start.</summary>
    private static int CodeStart(SyntaxNode node) => node switch
    {
        ForStatementSyntax { Declaration: { } declaration } => declaration.SpanStart,
        ForStatementSyntax { Initializers: [var first, ..] } => first.SpanStart,
        CommonForEachStatementSyntax forEach => forEach.Expression.SpanStart,
        _ => node.SpanStart,
    };

    /// <summary>Where a body's end is, for a jump whose target is the method's end
    /// (<see cref="Exit"/>): the closing brace of the block that is the body, where a method
    /// without a value returns; null for an expression body.</summary>
    private static int? BodyEnd(SyntaxNode node)
    {
        foreach (var block in node.Ancestors().OfType<BlockSyntax>())
            if (block.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)
                return block.CloseBraceToken.SpanStart;
        return null;
    }

    /// <summary>The first statement that runs after <paramref name="statement"/> in its block or
    /// switch section, past those that compile to nothing (a declaration without initializer, a
    /// local function, an empty statement or block); null when none follows.</summary>
    private static StatementSyntax? NextWithCode(StatementSyntax statement)
    {
        var siblings = SiblingsOf(statement);
        for (var i = siblings.IndexOf(statement) + 1; i > 0 && i < siblings.Count; i++)
        {
            var sibling = siblings[i];
            if (sibling is LocalFunctionStatementSyntax or EmptyStatementSyntax
                || sibling is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0 } declaration
                    && (declaration.IsConst || declaration.Declaration.Variables.All(v => v.Initializer is null)))
                continue;
            // `while (true)` has no code either: its body's first statement runs.
            var first = FirstStatement(sibling);
            if (first is WhileStatementSyntax { Condition: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.TrueLiteralExpression } } forever)
                first = FirstStatement(forever.Statement);
            if (first is not null)
                return first;
        }
        return null;
    }

    /// <summary>Whether <paramref name="statement"/> is a <c>while</c> loop on a condition that is
    /// not a constant whose body holds no <c>continue</c>: it starts by jumping to its condition,
    /// and nothing in it jumps there.</summary>
    private static bool EntersByCondition(StatementSyntax statement) =>
        statement is WhileStatementSyntax { Condition: not LiteralExpressionSyntax } loop
        && !loop.Statement.DescendantNodes().Any(n => n is ContinueStatementSyntax);

    /// <summary>The statements of the block or switch section <paramref name="node"/> is one of;
    /// none when it is in neither.</summary>
    private static SyntaxList<StatementSyntax> SiblingsOf(SyntaxNode node) => node.Parent switch
    {
        BlockSyntax block => block.Statements,
        SwitchSectionSyntax section => section.Statements,
        _ => default,
    };

    /// <summary>Whether control can leave the statement at its end: false for a jump,
    /// <c>return</c> or <c>throw</c>, and for a block or <c>if</c>/<c>else</c> whose every way ends
    /// in one (read from the syntax, so a loop that never ends counts as completing: false is
    /// only said when it is certain).</summary>
    private static bool CompletesNormally(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax or ThrowStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax => false,
        YieldStatementSyntax { RawKind: (int)SyntaxKind.YieldBreakStatement } => false,
        BlockSyntax block => block.Statements.Any(s => s is LabeledStatementSyntax) || block.Statements.All(CompletesNormally),
        IfStatementSyntax { Else: { } elseClause } ifElse => CompletesNormally(ifElse.Statement) || CompletesNormally(elseClause.Statement),
        _ => true,
    };

    /// <summary>The statement right before <paramref name="jump"/> in its block or switch
    /// section when control leaves it only by completing (into the jump), by <c>return</c>, by
    /// <c>throw</c>, or by jumps of its own bound outside it (<c>continue;</c>, <c>goto
    /// label;</c>) whose targets are each one place other than <paramref name="target"/>, the
    /// jump's: no label, nothing that compiles to protected regions or resumption points
    /// (<c>try</c>, <c>using</c>, <c>lock</c>, <c>foreach</c>, <c>await</c>, <c>yield</c>). Then
    /// every jump its code makes to the target of a jump Release compiled to nothing is that jump
    /// running, and the places its own outer jumps go to (<see cref="PlainJump.InnerTargets"/>)
    /// are told apart from it. Null for the first statement, or any other.</summary>
    internal (SourceSpan Span, IReadOnlyList<(int Line, int Column)> InnerTargets)? CompletingOnlyInto(StatementSyntax jump, int target)
    {
        var siblings = SiblingsOf(jump);
        var index = siblings.IndexOf(jump);
        if (index <= 0)
            return null;
        var before = siblings[index - 1];
        if (before is LocalFunctionStatementSyntax)
            return null;
        var inner = new List<(int Line, int Column)>();
        var returnAtTarget = ReturnAt(target);
        foreach (var node in before.DescendantNodesAndSelf(n => !IsBodyBoundary(n)))
        {
            switch (node)
            {
                case LabeledStatementSyntax or TryStatementSyntax or UsingStatementSyntax or LockStatementSyntax
                    or CommonForEachStatementSyntax or YieldStatementSyntax or AwaitExpressionSyntax or FixedStatementSyntax
                    or LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 }:
                    return null;
                case ReturnStatementSyntax inside when IsTwin(inside, returnAtTarget):
                    // `if (c) { n++; if (d) return t; } break;` with `return t;` past the jump:
                    // Release may merge the two returns, and the `if`'s completion into the jump
                    // then runs the inner copy, past every edge to the target.
                    return null;
                case GotoStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax when !BoundInside((StatementSyntax)node, before):
                    // A jump out of it: told apart only where it goes to one place of its own.
                    if ((TargetOf((StatementSyntax)node) is { } to ? CodeStart(to) : TargetStart((StatementSyntax)node)) is not (>= 0 and var place)
                        || place == target || before.Span.Contains(place))
                        return null;
                    var at = _text.Lines.GetLinePosition(place);
                    inner.Add((at.Line + 1, at.Character + 1));
                    break;
            }
        }
        var start = _text.Lines.GetLinePosition(before.SpanStart);
        var end = _text.Lines.GetLinePosition(before.Span.End);
        return (new SourceSpan(start.Line + 1, start.Character + 1, end.Line + 1, end.Character + 1), inner);
    }

    /// <summary>The <c>return</c> whose code starts at <paramref name="target"/> (a jump's
    /// target); null where the statement there is another, or there is none. Looked up once per
    /// jump, for each <c>return</c> <see cref="IsTwin"/> checks.</summary>
    private ReturnStatementSyntax? ReturnAt(int target) =>
        target >= 0 && target < _text.Length ? TokenAt(target).Parent?.FirstAncestorOrSelf<StatementSyntax>() as ReturnStatementSyntax : null;

    /// <summary>Whether <paramref name="other"/> is a <c>return</c> written as
    /// <paramref name="statement"/> is (its twin: Release may compile the two to one copy).</summary>
    private static bool IsTwin(ReturnStatementSyntax statement, ReturnStatementSyntax? other) =>
        other is not null && other != statement && other.Expression?.ToString() == statement.Expression?.ToString();

    /// <summary>Whether <paramref name="jump"/> lands inside <paramref name="statement"/>: a
    /// <c>break</c> or <c>continue</c> of a loop (or <c>switch</c>) in it, a <c>goto</c> to a
    /// label in it.</summary>
    private static bool BoundInside(StatementSyntax jump, StatementSyntax statement) => jump switch
    {
        BreakStatementSyntax => EnclosingLoop(jump, includeSwitch: true) is { } loop && statement.Span.Contains(loop.Span),
        ContinueStatementSyntax => EnclosingLoop(jump, includeSwitch: false) is { } loop && statement.Span.Contains(loop.Span),
        _ => TargetOf(jump) is { } target && statement.Span.Contains(target.Span),
    };

    /// <summary>The <c>switch</c> whose one section is <paramref name="jump"/> alone
    /// (<c>case ':': case ' ': break;</c>), where that is the only such section and every label
    /// is a constant: the dispatch goes past the switch when it chose that section, and, with no
    /// <c>default</c>, when no label matched. Null for any other jump.</summary>
    internal static SwitchStatementSyntax? BreakOnlySectionOf(StatementSyntax jump)
    {
        if (jump is not BreakStatementSyntax || jump.Parent is not SwitchSectionSyntax { Statements.Count: 1 } || jump.Parent.Parent is not SwitchStatementSyntax owner)
            return null;
        var alone = 0;
        foreach (var each in owner.Sections)
        {
            foreach (var label in each.Labels)
                if (label is not (CaseSwitchLabelSyntax or DefaultSwitchLabelSyntax))
                    return null;
            if (each.Statements is [BreakStatementSyntax])
                alone++;
        }
        return alone == 1 ? owner : null;
    }

    /// <summary>For a break-only section (<see cref="BreakOnlySectionOf"/>) of a switch with no
    /// <c>default</c>, the outcome names of its labels (<c>case 10</c>): the dispatch's ways past
    /// the switch are then those and <see cref="NoCaseMatched"/>, told apart by name. Empty where
    /// the switch has a <c>default</c> elsewhere (every way past it is the section's).</summary>
    private static IReadOnlyList<string> BreakOnlySectionLabels(StatementSyntax jump, SwitchStatementSyntax owner)
    {
        if (HasDefault(owner))
            return [];
        var names = new List<string>();
        foreach (var label in ((SwitchSectionSyntax)jump.Parent!).Labels)
            if (LabelText(label) is { } name)
                names.Add(name);
        return names;
    }
}
