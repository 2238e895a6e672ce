using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A switch expression as the right operand of <c>&amp;&amp;</c> (Markdig AutoLinkParser.cs:64,
/// <c>span.Length &gt;= 4 &amp;&amp; span[0] switch { ... }</c>): the left operand is a condition of
/// its own, 2 outcomes, beside one per arm (docs/annotations.md). Release falls from the operand's
/// test straight into the dispatch, with no point between, and the dispatch took the test in: its
/// true was no outcome, and Release had 4 where Debug has 5.
/// </summary>
public sealed class SwitchExpressionOperandTests
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Check("ab");
                Check("http://x");
                Check("zzzz");
            }

            private static bool Check(string s)
            {
                System.ReadOnlySpan<char> span = s;
                bool ok = span.Length >= 4 && span[0] switch
                {
                    'h' => s.StartsWith("http"),
                    'w' => s.StartsWith("www."),
                    _ => s.StartsWith("tel:"),
                };
                return ok;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Release)]
    [InlineData(OptimizationLevel.Debug)]
    public void The_operand_before_a_switch_expression_keeps_both_outcomes(OptimizationLevel optimization)
    {
        var snippet = SnippetRun.Run("switch-expression-operand", "SwitchExpressionOperand", Source, CoverageMode.Count, optimization: optimization);

        // The operand false once ("ab"), true twice; then arms 'h' once, 'w' never, `_` once.
        Assert.Equal(["arm 1=1", "arm 2=0", "arm 3=1", "going on to line 13=2", "the jump to line 19=1"], snippet.Outcomes("bool ok ="));
        Assert.Equal(3, snippet.Hits("return ok;"));
    }
}
