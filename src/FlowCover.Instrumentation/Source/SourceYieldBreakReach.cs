using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlowCover.Instrumentation.Source;

/// <summary>
/// Whether a <c>yield break;</c> inside the <c>if</c> before a jump may share the jump's code
/// (the jump-after-if shape, <see cref="JumpsAfterIf"/>).
/// </summary>
public sealed partial class SourceDocument
{
    /// <summary>Whether a <c>yield break;</c> in the statement before a jump may go where the jump
    /// goes (<paramref name="target"/>): where that is the iterator's end or not one place (the
    /// iterator returns there as the <c>yield break;</c> does, and Release may branch both to one
    /// copy), or a <c>yield break;</c> itself (its twin). Any other target is a statement with
    /// code of its own, which the <c>yield break;</c>'s return (a <c>ret</c>, or a <c>leave</c> to
    /// the method's end) never is: the <c>if</c> still completes into the jump only
    /// (<c>case 0: if (c) { if (d) yield break; t++; } break;</c> followed by a <c>yield return</c>).</summary>
    private bool YieldBreakMayReach(int? target) =>
        target is not (>= 0 and var at) || at >= _text.Length
        || TokenAt(at).Parent?.FirstAncestorOrSelf<StatementSyntax>() is YieldStatementSyntax { RawKind: (int)SyntaxKind.YieldBreakStatement };
}
