using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace FlowCover.Instrumentation.Source;

public sealed partial class SourceDocument
{
    /// <summary>Where an <c>if</c>'s <c>then</c> that is a jump (<c>if (c) break;</c>) goes in
    /// Release, which folds the jump into the condition's branch: the jump's target; where that
    /// target is itself a jump (an inner loop's <c>break;</c> onto the outer loop's
    /// <c>break;</c>), that one's target too, as Release threads the first through the second;
    /// and where a <c>break</c> leaves a loop that ends the body, the body's closing brace, where
    /// the method returns.</summary>
    private static List<TextSpan> JumpTargets(StatementSyntax jump)
    {
        var spans = new List<TextSpan>(2);
        var current = jump;
        for (var hops = 0; hops < 4; hops++)
        {
            if (TargetOf(current) is not { } target)
            {
                if (current is BreakStatementSyntax && EnclosingLoop(current, includeSwitch: true) is StatementSyntax { Parent: BlockSyntax body } loop
                    && body.Statements[^1] == loop
                    && body.Parent is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax or AnonymousFunctionExpressionSyntax)
                    spans.Add(body.CloseBraceToken.Span);
                break;
            }
            spans.Add(target.Span);
            if (target is not StatementSyntax statement || Jump(statement) is not { } next)
                break;
            current = next;
        }
        return spans;
    }
}
