using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// <c>case 3: if (x &lt; 0) continue; break;</c> as the last section of a <c>switch</c> that ends
/// a loop's body: the <c>continue;</c> and the <c>break;</c> land at the same place (the loop's
/// increment), and Release compiles the <c>if</c> to no branch and neither jump to any code. The
/// fall-through into the target is both jumps' runs: reading it as the <c>break;</c>'s gave it
/// the <c>continue;</c>'s count too (random programs, seed 98 line 941: Release 3 where it never
/// ran). No edge counts the <c>break;</c> alone: Release leaves it out (the contract's honest
/// absence); Debug keeps both with their counts. The same in an iterator and a plain method.
/// </summary>
public sealed class DroppedBreakBesideContinueTests(DroppedBreakBesideContinueTests.Runs runs) : IClassFixture<DroppedBreakBesideContinueTests.Runs>
{
    private const string Source = """
        using System.Collections.Generic;

        public static class Target
        {
            public static void Run()
            {
                Plain(-1, 6);
                Plain(1, 4);
                Plain(-2, 6);
                Plain(0, 5);
                foreach (var _ in Yielding(-1, 6)) { }
                foreach (var _ in Yielding(1, 4)) { }
                foreach (var _ in Yielding(-2, 6)) { }
            }

            public static int Plain(int x, int n)
            {
                var t = 0;
                for (var i = 0; i < n; i++)
                {
                    switch (x + i)
                    {
                        case 1:
                            t++;
                            break;
                        case 3:
                            if (x < 0)
                                continue;
                            break;
                    }
                }
                return t;
            }

            public static IEnumerable<int> Yielding(int x, int n)
            {
                var t = 0;
                for (var i = 0; i < n; i++)
                {
                    switch (x + i)
                    {
                        case 2:
                            t++;
                            break;
                        case 3:
                            if (x < 0)
                                continue;
                            break;
                    }
                }
                yield return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("dropped-break-beside-continue", "DroppedBreakBesideContinue", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_dropped_break_after_an_if_continue_to_the_same_place_is_left_out_in_Release(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        // x + i == 3: x -1 (i 4) and -2 (i 5) continue; x 1 (i 2) and 0 (i 3) break.
        Assert.Equal(Count(4), run.Hits("if (x < 0)"));
        Assert.Equal(build == OptimizationLevel.Debug ? Count(2) : null, run.HitsOrNone("continue;"));
        Assert.Equal(build == OptimizationLevel.Debug ? Count(2) : null, run.HitsOrNone("break;", 1));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_same_in_an_iterator(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        // x + i == 3: x -1 and -2 continue; x 1 (i 2) break.
        Assert.Equal(Count(3), run.Hits("if (x < 0)", 1));
        Assert.Equal(build == OptimizationLevel.Debug ? Count(2) : null, run.HitsOrNone("continue;", 1));
        Assert.Equal(build == OptimizationLevel.Debug ? Count(1) : null, run.HitsOrNone("break;", 3));
    }
}
