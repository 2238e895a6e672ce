using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace FlowCover.Instrumentation.Source;

public sealed partial class SourceDocument
{
    /// <summary>Where an <c>if</c>'s <c>then</c> that is a jump (<c>if (c) break;</c>) goes in
    /// Release, which folds the jump into the condition's branch: the jump's target, and the code
    /// that runs there (<see cref="LandingStart"/>: a <c>break</c> out of a loop that ends an
    /// <c>if</c>'s block goes on to the statement after that <c>if</c>; out of a loop that ends the
    /// body, to the body's closing brace, where the method returns); where that code is itself a
    /// jump (an inner loop's <c>break;</c> onto the outer loop's <c>break;</c>), that one's target
    /// too, as Release threads the first through the second.</summary>
    private List<TextSpan> JumpTargets(StatementSyntax jump)
    {
        var spans = new List<TextSpan>(2);
        var current = jump;
        for (var hops = 0; hops < 4; hops++)
        {
            var target = TargetOf(current);
            if (target is not null)
                spans.Add(target.Span);
            var landing = LandingStart(current) is { } start ? start == Exit ? BodyEnd(current) : start : null;
            if (landing is { } at)
            {
                spans.Add(new TextSpan(at, 1));
                if (LoopKeywordAt(at) is { } keyword)
                    spans.Add(keyword);
                // The `leave` that ends each region the jump leaves has its point on the
                // region's closing brace (Release, `try { ... }`): the branch lands there first.
                if (current is BreakStatementSyntax && EnclosingLoop(current, includeSwitch: true) is { } loop)
                    foreach (var block in loop.Ancestors().OfType<BlockSyntax>())
                        if (!block.Span.Contains(at) && RegionLeft(block) is not null)
                            spans.Add(block.CloseBraceToken.Span);
            }
            if ((target as StatementSyntax ?? (landing is { } place ? StatementAt(place) : null)) is not { } statement || Jump(statement) is not { } next)
                break;
            current = next;
        }
        return spans;
    }

    /// <summary>Where a jump lands (<see cref="TargetStart"/>), for a <c>break</c> also out of a
    /// <c>try</c>, <c>catch</c>, <c>lock</c> or <c>using</c> the loop ends: its branch is then a
    /// <c>leave</c> (or one threaded to), and lands where that goes.</summary>
    private static int? LandingStart(StatementSyntax jump) =>
        jump is BreakStatementSyntax && EnclosingLoop(jump, includeSwitch: true) is StatementSyntax enclosing ? SuccessorStart(enclosing, outOfRegions: true) : TargetStart(jump);

    /// <summary>The statement whose region a block is and that a <c>leave</c> at the block's end
    /// leaves: a <c>try</c> (from its block or a <c>catch</c>'s), a <c>lock</c>, a <c>using</c>.
    /// Not a <c>finally</c>, whose end goes wherever the <c>leave</c> that ran it was going.</summary>
    private static StatementSyntax? RegionLeft(BlockSyntax block) => block.Parent switch
    {
        TryStatementSyntax tried when tried.Block == block => tried,
        CatchClauseSyntax { Parent: TryStatementSyntax tried } => tried,
        LockStatementSyntax or UsingStatementSyntax => (StatementSyntax)block.Parent,
        _ => null,
    };

    /// <summary>A <c>while</c>'s or <c>do</c>'s condition starting at <paramref name="position"/>
    /// has its sequence point at the <c>while</c> keyword, where an edge to the condition lands:
    /// that keyword's span.</summary>
    private TextSpan? LoopKeywordAt(int position) =>
        TokenAt(position).Parent?.AncestorsAndSelf().FirstOrDefault(n => n.SpanStart == position && n.Parent is WhileStatementSyntax or DoStatementSyntax) is { } condition
            ? condition.Parent switch
            {
                WhileStatementSyntax loop when loop.Condition == condition => loop.WhileKeyword.Span,
                DoStatementSyntax loop when loop.Condition == condition => loop.WhileKeyword.Span,
                _ => null,
            }
            : null;
}
