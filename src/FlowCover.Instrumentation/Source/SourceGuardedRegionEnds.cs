using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlowCover.Instrumentation.Source;

public sealed partial class SourceDocument
{
    /// <summary>The <c>if (c) break;</c> (no <c>else</c>) of the body around the position whose
    /// loop or <c>switch</c> is the last statement of a <c>try</c>'s, <c>catch</c>'s or
    /// <c>finally</c>'s block (the <c>break</c> has no <see cref="TargetStart"/>): each with, as
    /// its target, that block's closing brace (<see cref="RegionEndStart"/>), where Release puts
    /// the point of the <c>leave</c> or <c>endfinally</c> that ends the region and where the
    /// condition's way through the <c>break</c> then branches; its other way is the statement
    /// after the <c>if</c>, or where the <c>if</c> completes to.</summary>
    public IEnumerable<GuardedJump> GuardedRegionEndBreaks(int line, int column)
    {
        foreach (var statement in StatementsOfBodyAround(line, column))
        {
            if (statement is not IfStatementSyntax { Else: null } ifStatement || Jump(ifStatement.Statement) is not BreakStatementSyntax jump
                || TargetStart(jump) is not null || RegionEndStart(jump) is not (>= 0 and var end)
                || (NextWithCode(ifStatement)?.SpanStart ?? SuccessorStart(ifStatement)) is not (>= 0 and var other))
                continue;
            yield return Guarded(jump, LineOf(ifStatement.SpanStart), end, other);
        }
    }
}
