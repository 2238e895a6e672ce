using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlowCover.Instrumentation.Source;

public sealed partial class SourceDocument
{
    /// <summary>Where a jump that is one way of an <c>if</c> lands, for <see cref="GuardedJumps"/>:
    /// its target (<see cref="TargetStart"/>), else, for a <c>break</c> whose loop or
    /// <c>switch</c> ends a <c>try</c>'s or <c>catch</c>'s block, a <c>lock</c> or a
    /// <c>using</c>, where the <c>leave</c> that ends the region lands (<see cref="LandingStart"/>):
    /// Release's condition branches to that <c>leave</c>, and an outcome's line is where its
    /// edge's code goes on to, past the <c>leave</c>.</summary>
    private static int? GuardedTargetStart(StatementSyntax jump) => TargetStart(jump) ?? LandingStart(jump);
}
