using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlowCover.Instrumentation.Source;

public sealed partial class SourceDocument
{
    /// <summary>Where a <c>break</c> lands whose <c>switch</c> or loop is the last statement of a
    /// <c>try</c>'s, <c>catch</c>'s or <c>finally</c>'s block (through blocks, labels and
    /// <c>if</c>s that end there): that block's closing brace, where Release puts the point of the
    /// <c>leave</c> (or <c>endfinally</c>) that ends the region; null for any other jump. Asked
    /// only where <see cref="TargetStart"/> gives no place.</summary>
    private static int? RegionEndStart(StatementSyntax jump) =>
        jump is BreakStatementSyntax && EnclosingLoop(jump, includeSwitch: true) is StatementSyntax enclosing
            ? SuccessorStart(enclosing, atRegionEnd: true)
            : null;
}
