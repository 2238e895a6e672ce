using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// <c>if (c) break;</c> in a loop that ends a <c>try</c>'s or <c>catch</c>'s block or a
/// <c>lock</c>: Release compiles the <c>break;</c> to nothing, and the condition's branch goes
/// straight to the <c>leave</c> that ends the region, so that branch is the jump running. In a
/// plain method, an iterator and an async method, with <c>&amp;&amp;</c>, and where the jump never
/// runs (a line with 0, not left out). Found by comparing Debug and Release on random programs
/// (Release left the line out); the counts are Debug's, worked out from the inputs.
/// </summary>
public sealed class GuardedBreakOutOfRegionTests(GuardedBreakOutOfRegionTests.Runs runs) : IClassFixture<GuardedBreakOutOfRegionTests.Runs>
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public static class Target
        {
            private static readonly object Gate = new();

            public static void Run()
            {
                for (var i = 0; i < 6; i++)
                {
                    InTry(i, i % 3);
                    InCatch(i - 2, i);
                    InLock(i);
                    foreach (var v in Yielded(i)) { }
                    Awaited(i).Wait();
                }
            }

            public static int InTry(int x, int y)
            {
                var t = 0;
                try
                {
                    t += x;
                    var g = 0;
                    while (g < y + 2)
                    {
                        t++;
                        if (++g > 2)
                            break;
                    }
                }
                catch (InvalidOperationException)
                {
                    t--;
                }
                return t;
            }

            public static int InCatch(int d, int x)
            {
                var t = 0;
                try
                {
                    t += 10 / d;
                }
                catch (DivideByZeroException)
                {
                    var g = 0;
                    while (x > g)
                    {
                        t++;
                        if (++g > 1 && t > 0)
                            break;
                    }
                }
                return t;
            }

            public static int InLock(int x)
            {
                var t = 0;
                lock (Gate)
                {
                    var g = 0;
                    while (g < 3)
                    {
                        g++;
                        if (g > 1 && x > 9)
                            break;
                    }
                }
                return t;
            }

            public static IEnumerable<int> Yielded(int x)
            {
                var u = 0;
                try
                {
                    yield return u;
                    while (u < 5)
                    {
                        u++;
                        if (u > x)
                            break;
                    }
                }
                finally
                {
                    u--;
                }
                yield return u;
            }

            public static async Task<int> Awaited(int x)
            {
                var w = 0;
                try
                {
                    w += await Task.FromResult(x);
                    var g = 0;
                    while (g < 3)
                    {
                        g++;
                        if (w + g > 4)
                            break;
                    }
                }
                catch (InvalidOperationException)
                {
                    w--;
                }
                return w;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("guarded-break-out-of-region", "GuardedBreakOutOfRegion", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_guarded_break_out_of_a_region_counts_the_conditions_way_to_the_leave(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        // y = i % 3: the loop runs 2, 3, 3 times; the third run breaks (y 1 and 2: i 1, 2, 4, 5).
        Assert.Equal(Count(16), run.Hits("if (++g > 2)"));
        Assert.Equal(Count(4), run.Hits("break;", 0));
        // d is 0 at i 2 only (x 2): the loop runs twice, the second breaks.
        Assert.Equal(Count(2), run.Hits("if (++g > 1 && t > 0)"));
        Assert.Equal(Count(1), run.Hits("break;", 1));
        // x is never above 9: the jump never runs, and the line is there with 0.
        Assert.Equal(Count(18), run.Hits("if (g > 1 && x > 9)"));
        Assert.Equal(Count(0), run.Hits("break;", 2));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_guarded_break_out_of_a_try_counts_in_an_iterator_and_an_async_method(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        // u goes up from 0 until it passes x: x 0-4 break (at u = x + 1), x 5 leaves by u < 5.
        Assert.Equal(Count(20), run.Hits("if (u > x)"));
        Assert.Equal(Count(5), run.Hits("break;", 3));
        // w = x: w 2 breaks at g 3, w 3 at g 2, w 4 and 5 at g 1; w 0 and 1 never.
        Assert.Equal(Count(4), run.Hits("break;", 4));
        Assert.Equal(Count(6), run.Hits("return w;"));
    }
}
