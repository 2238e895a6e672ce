using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// <c>if (c) break;</c> in a loop that ends a <c>finally</c>'s block, or a <c>try</c>'s block
/// of an async method whose <c>leave</c> Release gives the closing brace's point: Release compiles
/// the <c>break;</c> to nothing and the condition branches straight to that <c>endfinally</c> or
/// <c>leave</c>, where the loop's own exit goes too; the condition's branch is the jump running.
/// Where the jump runs several times, once, and never. Found by comparing Debug and Release on
/// random programs (Release left the line out: seed 4 line 4560, seed 3 line 1077, seed 1 line 404); the counts
/// are Debug's, worked out from the inputs.
/// </summary>
public sealed class GuardedBreakToRegionEndTests(GuardedBreakToRegionEndTests.Runs runs) : IClassFixture<GuardedBreakToRegionEndTests.Runs>
{
    private const string Source = """
        using System;
        using System.Threading.Tasks;

        public static class Target
        {
            public static void Run()
            {
                for (var i = 0; i < 6; i++)
                {
                    InFinally(i);
                    NeverInFinally(i);
                    AwaitedAfter(i).Wait();
                    AwaitedWithFinally(i).Wait();
                }
            }

            public static int InFinally(int x)
            {
                var t = 0;
                try
                {
                    t += x;
                }
                finally
                {
                    var g = 0;
                    while (g < 4)
                    {
                        t++;
                        if (++g > x)
                            break;
                    }
                }
                return t;
            }

            public static int NeverInFinally(int x)
            {
                var t = 0;
                try
                {
                    t += 10 / (x + 1);
                }
                finally
                {
                    var g = 0;
                    while (g < 2)
                    {
                        g++;
                        if (g > 1 && x > 9)
                            break;
                    }
                }
                return t;
            }

            public static async Task<int> AwaitedAfter(int x)
            {
                var t = 0;
                try
                {
                    var g = 0;
                    while (g < 3)
                    {
                        if (++g > x)
                            break;
                        t += g;
                    }
                }
                catch (InvalidOperationException)
                {
                    t--;
                }
                try
                {
                    t += await Task.FromResult(x);
                }
                catch (InvalidOperationException)
                {
                    t++;
                }
                return t;
            }

            public static async Task<int> AwaitedWithFinally(int x)
            {
                var t = 0;
                try
                {
                    t += await Task.FromResult(1);
                    var g = 0;
                    while (g < 3)
                    {
                        t++;
                        if (++g > x)
                            break;
                    }
                }
                finally
                {
                    t--;
                    await Task.Yield();
                }
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("guarded-break-to-region-end", "GuardedBreakToRegionEnd", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_guarded_break_ending_a_finally_counts_the_conditions_way_to_the_endfinally(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        // x 0-3 break at g = x + 1 (1 + 2 + 3 + 4 tests); x 4 and 5 leave by g < 4 (4 tests each).
        Assert.Equal(Count(18), run.Hits("if (++g > x)"));
        Assert.Equal(Count(4), run.Hits("break;", 0));
        // x is never above 9: the loop runs twice each time, the jump never.
        Assert.Equal(Count(12), run.Hits("if (g > 1 && x > 9)"));
        Assert.Equal(Count(0), run.Hits("break;", 1));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_guarded_break_ending_an_async_methods_try_counts_the_conditions_way_to_the_leave(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        // x 0-2 break at g = x + 1 (1 + 2 + 3 tests); x 3-5 leave by g < 3 (3 tests each).
        Assert.Equal(Count(15), run.Hits("if (++g > x)", 1));
        Assert.Equal(Count(3), run.Hits("break;", 2));
        Assert.Equal(Count(6), run.Hits("t += await Task.FromResult(x);"));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_guarded_break_ending_an_async_methods_try_with_a_finally_counts_the_conditions_way_to_the_hidden_leave(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        // As above: x 0-2 break, x 3-5 leave by g < 3.
        Assert.Equal(Count(15), run.Hits("if (++g > x)", 2));
        Assert.Equal(Count(3), run.Hits("break;", 3));
        Assert.Equal(Count(6), run.Hits("t--;", 1));
    }
}
