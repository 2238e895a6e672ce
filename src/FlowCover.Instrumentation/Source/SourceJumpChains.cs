using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace FlowCover.Instrumentation.Source;

public sealed partial class SourceDocument
{
    /// <summary>Where an <c>if</c>'s <c>then</c> that is a jump (<c>if (c) break;</c>) goes in
    /// Release, which folds the jump into the condition's branch: the jump's target, and the code
    /// that runs there (<see cref="TargetStart"/>: a <c>break</c> out of a loop that ends an
    /// <c>if</c>'s block goes on to the statement after that <c>if</c>; out of a loop that ends the
    /// body, to the body's closing brace, where the method returns); where that code is itself a
    /// jump (an inner loop's <c>break;</c> onto the outer loop's <c>break;</c>), that one's target
    /// too, as Release threads the first through the second.</summary>
    private static List<TextSpan> JumpTargets(StatementSyntax jump)
    {
        var spans = new List<TextSpan>(2);
        var current = jump;
        for (var hops = 0; hops < 4; hops++)
        {
            var target = TargetOf(current);
            if (target is not null)
                spans.Add(target.Span);
            if (TargetStart(current) is { } start && (start == Exit ? BodyEnd(current) : start) is { } at)
                spans.Add(new TextSpan(at, 1));
            if (target is not StatementSyntax statement || Jump(statement) is not { } next)
                break;
            current = next;
        }
        return spans;
    }
}
