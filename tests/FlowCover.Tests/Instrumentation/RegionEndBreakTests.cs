using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A switch section's last <c>break;</c> where the switch ends a <c>try</c>'s, <c>catch</c>'s or
/// <c>finally</c>'s block: Release compiles the <c>break;</c> to nothing, and the section's code
/// falls into the <c>leave</c> (or <c>endfinally</c>) at the block's closing brace. Each run of
/// that fall is one run of the <c>break;</c>; in a plain method, an iterator and an async method.
/// Found by comparing Debug and Release on random programs (Release left the line out); the counts
/// are Debug's, worked out from the inputs.
/// </summary>
public sealed class RegionEndBreakTests(RegionEndBreakTests.Runs runs) : IClassFixture<RegionEndBreakTests.Runs>
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public static class Target
        {
            public static void Run()
            {
                for (var i = 0; i < 7; i++)
                {
                    Regions(i, i % 3, i - 2);
                    foreach (var v in Yielded(i % 3, i - 2)) { }
                    Awaited(i % 3, i - 2).Wait();
                }
            }

            public static int Regions(int x, int y, int d)
            {
                var t = 0;
                try
                {
                    t += 10 / d;
                    switch (y)
                    {
                        case 1:
                            t += 3;
                            break;
                        case 2:
                            t = t > 2 ? t - 1 : t + 1;
                            break;
                    }
                }
                catch (DivideByZeroException)
                {
                    switch (x)
                    {
                        case 2:
                            t--;
                            break;
                    }
                }
                finally
                {
                    switch (x & 1)
                    {
                        case 0:
                            t *= 2;
                            break;
                        default:
                            t++;
                            break;
                    }
                }
                return t;
            }

            public static IEnumerable<int> Yielded(int y, int d)
            {
                var u = 0;
                try
                {
                    yield return u;
                    u += 10 / (d + 5);
                    switch (y)
                    {
                        case 1:
                            u += 3;
                            break;
                        case 2:
                            u = u > 2 ? u - 1 : u + 1;
                            break;
                    }
                }
                finally
                {
                    u--;
                }
                yield return u;
            }

            public static async Task<int> Awaited(int y, int d)
            {
                var w = 0;
                try
                {
                    w += await Task.FromResult(10 / d);
                    switch (y)
                    {
                        case 1:
                            w += 3;
                            break;
                        case 2:
                            w = w > 2 ? w - 1 : w + 1;
                            break;
                    }
                }
                catch (DivideByZeroException)
                {
                    w--;
                }
                return w;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("region-end-break", "RegionEndBreak", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_break_of_a_switch_ending_a_region_counts_its_section_falling_into_the_leave(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        // d is 0 at i 2 only: the try's switch runs 6 times, y 1 twice (i 1, 4), y 2 once (i 5).
        Assert.Equal(Count(2), run.Hits("break;", 0));
        Assert.Equal(Count(1), run.Hits("break;", 1));  // the try's last section, into the leave
        Assert.Equal(Count(1), run.Hits("t--;"));
        Assert.Equal(Count(1), run.Hits("break;", 2));  // the catch's only section (x 2), into the leave
        Assert.Equal(Count(4), run.Hits("break;", 3));
        Assert.Equal(Count(3), run.Hits("break;", 4));  // the finally's last section (x odd), into the endfinally
        Assert.Equal(Count(7), run.Hits("return t;"));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_break_of_a_switch_ending_a_try_counts_in_an_iterator_and_an_async_method(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal(Count(2), run.Hits("u += 3;"));
        Assert.Equal(Count(2), run.Hits("break;", 6));  // the iterator's last section: y 2 at i 2 and 5 (d + 5 is never 0)
        Assert.Equal(Count(7), run.Hits("yield return u;", 1));
        Assert.Equal(Count(2), run.Hits("w += 3;"));
        Assert.Equal(Count(1), run.Hits("break;", 8));  // the async method's last section: y 2 at i 5 (i 2 threw)
        Assert.Equal(Count(7), run.Hits("return w;"));
    }
}
