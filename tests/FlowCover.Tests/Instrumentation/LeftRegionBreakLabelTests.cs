using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// <c>if (c) break;</c> and <c>if (c) continue;</c> whose branch Release lands where the source
/// gave it no place: a loop's condition, whose point is at the <c>while</c> keyword (a
/// <c>continue</c> in a <c>while</c>; a <c>break</c> out of a loop that ends a <c>do</c>'s body), and
/// the <c>leave</c> out of a <c>try</c> or <c>catch</c> the loop ends, whose point is the block's
/// closing brace. The edge is the condition's <c>true</c>, as in Debug (docs/annotations.md); it
/// kept the jump form in Release (the random programs of BuildsAgreeTests: 78 such LABEL lines).
/// </summary>
public sealed class LeftRegionBreakLabelTests
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                InDo(1); InTry(1); Continue(9); InCatch(1);
            }
            public static int InDo(int x)
            {
                var c = 0;
                do
                {
                    var g = 0;
                    while (x > 0)
                    {
                        c++;
                        if (++g > 2)
                            break;
                    }
                }
                while (++c < 5);
                return c;
            }
            public static int InTry(int x)
            {
                var t = 0;
                try
                {
                    var g = 0;
                    while (x > 0)
                    {
                        t++;
                        if (++g > 3)
                            break;
                    }
                }
                catch (System.InvalidOperationException)
                {
                    t--;
                }
                return t;
            }
            public static int Continue(int x)
            {
                var t = 0;
                var g = 0;
                while (x > t)
                {
                    t++;
                    if (++g > 2)
                        continue;
                    t++;
                }
                return t;
            }
            public static int InCatch(int x)
            {
                var t = 0;
                try
                {
                    throw new System.InvalidOperationException();
                }
                catch (System.InvalidOperationException)
                {
                    var g = 0;
                    while (x > 0)
                    {
                        t++;
                        if (++g > 1)
                            break;
                    }
                }
                return t;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void The_break_or_continue_is_the_conditions_true(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("left-region-break", "LeftRegionBreak", Source, CoverageMode.Count, optimization: optimization);
        // Out of a loop that ends a `do`'s body: on to the `do`'s condition.
        Assert.Equal(["false=4", "true=2"], run.Outcomes("if (++g > 2)"));
        // Out of a `try` block: through its `leave`, at the block's closing brace.
        Assert.Equal(["false=3", "true=1"], run.Outcomes("if (++g > 3)"));
        // Out of a `catch` block the same.
        Assert.Equal(["false=1", "true=1"], run.Outcomes("if (++g > 1)"));
        // A `continue` in a `while`: to its condition.
        Assert.Equal(["false=2", "true=5"], run.Outcomes("if (++g > 2)", 1));
    }
}
