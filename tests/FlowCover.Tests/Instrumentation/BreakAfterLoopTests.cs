using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A switch section's last <c>break;</c> right after a loop, or right after an inner switch that
/// falls into it: Release compiles the <c>break;</c> to nothing, and its count is the loop's ways
/// out (a <c>while</c> laid out as a hidden <c>br</c> to its condition, the body, the condition;
/// a <c>do</c> with no point of its own), or the inner switch's last section falling on. Found by
/// comparing Debug and Release on random programs (Release left the line out); the counts are
/// Debug's, worked out from the inputs. The last method is where no count is exact (the loop's
/// <c>return t;</c> may be Release's one copy of the one the <c>break;</c> goes to): left out.
/// </summary>
public sealed class BreakAfterLoopTests(BreakAfterLoopTests.Runs runs) : IClassFixture<BreakAfterLoopTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                AfterWhile(1, 2);
                AfterWhile(1, 9);
                AfterWhile(1, 0);
                AfterWhile(0, 3);
                AfterWhile(1, 1);
                AfterDo(1, 3);
                AfterDo(1, 30);
                AfterDo(2, 1);
                AfterInner(1, 2);
                AfterInner(1, 3);
                AfterInner(1, 4);
                AfterInner(1, 3);
                AfterInner(0, 3);
                Twin(1, 2);
                Twin(1, 5);
                Twin(1, 7);
                Twin(0, 7);
            }

            public static int AfterWhile(int x, int n)
            {
                var t = 0;
                switch (x)
                {
                    case 0:
                        t = 5;
                        break;
                    default:
                        var g = 0;
                        while (n > g)
                        {
                            t += g;
                            if (++g > 3)
                                break;
                        }
                        break;
                }
                t *= 2;
                return t;
            }

            public static int AfterDo(int x, int n)
            {
                var t = 0;
                switch (x)
                {
                    case 2:
                        t = 7;
                        break;
                    case 1:
                        do
                        {
                            t += n;
                            n--;
                        }
                        while (n > 0 && t < 10);
                        break;
                }
                t *= 3;
                return t;
            }

            public static int AfterInner(int x, int y)
            {
                var t = 0;
                switch (x)
                {
                    case 0:
                        t++;
                        break;
                    case 1:
                        switch (y)
                        {
                            case 2:
                                t += 4;
                                break;
                            case 3:
                                t += 3;
                                break;
                        }
                        break;
                }
                t *= 2;
                return t;
            }

            public static int Twin(int x, int n)
            {
                var t = 0;
                switch (x)
                {
                    case 0:
                        t = 5;
                        break;
                    default:
                        while (n > 0)
                        {
                            if (n == 5)
                                return t;
                            t -= n;
                            n--;
                        }
                        break;
                }
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("break-after-loop", "BreakAfterLoop", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_after_a_while_counts_each_way_out_of_the_loop(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        // x 1 four times: n 2 and 1 leave by the condition, n 9 by the inner break, n 0 never enters.
        Assert.Equal(Count(1), run.Hits("t = 5;"));
        Assert.Equal(Count(7), run.Hits("t += g;"));      // 2 + 4 + 0 + 1 rounds
        Assert.Equal(Count(1), run.Hits("break;", 1));    // the inner break (n 9)
        Assert.Equal(Count(4), run.Hits("break;", 2));    // the loop completed four times
        Assert.Equal(Count(5), run.Hits("t *= 2;", 0));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_after_a_do_counts_each_way_out_of_the_loop(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        // x 1 twice: n 3 runs three rounds (3 + 2 + 1 = 6 < 10, n reaches 0), n 30 one (t 30).
        Assert.Equal(Count(4), run.Hits("t += n;"));
        Assert.Equal(Count(2), run.Hits("break;", 4));
        Assert.Equal(Count(3), run.Hits("t *= 3;"));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_last_section_break_onto_a_dropped_break_counts_its_fall(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        // y 3 twice: the inner switch's last section falls on past both breaks.
        Assert.Equal(Count(1), run.Hits("t += 4;"));
        Assert.Equal(Count(2), run.Hits("t += 3;"));
        Assert.Equal(Count(1), run.Hits("t++;"));
        Assert.Equal(Count(2), run.Hits("break;", 7));
        Assert.Equal(Count(4), run.Hits("break;", 8));    // the inner switch completed four times
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_after_a_loop_holding_a_twin_return_is_left_out_in_release(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // x 1 three times: n 2 completes the loop (two rounds), n 5 returns at once, n 7 after two rounds.
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 4), run.Hits("t -= n;"));
        Assert.Equal(build == OptimizationLevel.Debug ? SnippetRunsByBuild.Expected(mode, 1) : null, run.HitsOrNone("break;", 10));
    }
}
