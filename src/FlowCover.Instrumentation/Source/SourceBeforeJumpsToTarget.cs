using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlowCover.Instrumentation.Source;

/// <summary>
/// Whether the statement before a jump Release may drop holds a jump of its own to the same
/// place (<see cref="PlainJump.BeforeJumpsToTarget"/>).
/// </summary>
public sealed partial class SourceDocument
{
    /// <summary>Whether the statement right before <paramref name="jump"/> in its block or switch
    /// section holds a <c>break</c>, <c>continue</c> or <c>goto</c> out of it that lands where the
    /// jump does (<paramref name="target"/>): <c>case 3: if (x &lt; 0) continue; break;</c> in a
    /// loop's body that the <c>switch</c> ends. Release may drop both jumps' code (the <c>if</c>
    /// then has no branch at all: both its ways fall into the target), so whatever counts the
    /// fall-through into the target counts the inner jump's runs too: no count of the jump is
    /// exact there.</summary>
    private static bool BeforeJumpsTo(StatementSyntax jump, int target)
    {
        var siblings = SiblingsOf(jump);
        var index = siblings.IndexOf(jump);
        if (index <= 0)
            return false;
        var before = siblings[index - 1];
        return before.DescendantNodesAndSelf(n => !IsBodyBoundary(n)).OfType<StatementSyntax>().Any(inner =>
            inner is GotoStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax && !BoundInside(inner, before)
            && (TargetOf(inner) is { } to ? CodeStart(to) : TargetStart(inner) is Exit ? BodyEnd(inner) : TargetStart(inner) ?? RegionEndStart(inner)) == target);
    }
}
