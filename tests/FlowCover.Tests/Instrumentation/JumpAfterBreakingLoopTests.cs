using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>break;</c> right after a loop that holds <c>break;</c>s or <c>continue;</c>s of its own
/// (<c>while (c) { if (++g > 2) break; } break;</c>, a <c>do</c> loop holding a <c>switch</c>):
/// every way out of the loop, by its condition or by one of its <c>break;</c>s, runs the jump once.
/// Release sends the condition's ways out and the inner <c>break;</c>s straight to the jump's
/// target, past its own <c>br</c>. Found by comparing Debug and Release on random programs
/// (Release read 2 where 3 ran, and 0 where 1 ran: wrong misses); the counts are Debug's, and
/// follow from the inputs as the comments say.
/// </summary>
public sealed class JumpAfterBreakingLoopTests(JumpAfterBreakingLoopTests.Runs runs) : IClassFixture<JumpAfterBreakingLoopTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Inner(3, null);
                Inner(3, "abcd");
                Inner(3, "abcd");
                Inner(3, "ab");
                Inner(1, "x");
                Switched(2, 0);
                Switched(2, 9);
                Switched(2, -1);
                Switched(0, 0);
                Skipping(1, 3);
                Skipping(1, 0);
                Skipping(2, 1);
            }

            public static int Inner(int x, string s)
            {
                var t = 0;
                switch (x)
                {
                    case 3:
                        var g = 0;
                        while (s is { Length: > 2 })
                        {
                            t += 2;
                            if (++g > 2)
                                break;
                        }
                        break;
                    default:
                        t++;
                        break;
                }
                return t;
            }

            public static int Switched(int x, int y)
            {
                var t = 0;
                switch (x & 3)
                {
                    case 2:
                        var g = 0;
                        do
                        {
                            y++;
                            switch (y)
                            {
                                case 10:
                                case 0:
                                    t--;
                                    break;
                            }
                        }
                        while (t < 0 && ++g < 3);
                        break;
                    default:
                        t++;
                        break;
                }
                return t;
            }

            public static int Skipping(int x, int n)
            {
                var t = 0;
                switch (x)
                {
                    case 1:
                        for (var k = 0; k < n; k++)
                        {
                            if (k == 1)
                                continue;
                            t += k;
                        }
                        break;
                    default:
                        t--;
                        break;
                }
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("jump-after-breaking-loop", "JumpAfterBreakingLoop", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_break_after_a_while_loop_counts_its_condition_and_its_inner_break(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal(Count(6), run.Hits("t += 2;"));   // "abcd" twice, 3 rounds each
        Assert.Equal(Count(2), run.Hits("break;"));    // the third round of each "abcd"
        // The loop left 4 times: by the null test (null), by its inner break (twice), by the length ("ab").
        Assert.Equal(Count(4), run.Hits("break;", 1));
        Assert.Equal(Count(1), run.Hits("break;", 2));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_break_after_a_do_loop_holding_a_switch_counts_each_way_out(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal(Count(7), run.Hits("y++;"));      // y = 0: once; y = 9 and y = -1: three rounds each (t < 0 until ++g reaches 3)
        Assert.Equal(Count(2), run.Hits("break;", 3)); // y reaching 10, and 0
        Assert.Equal(Count(3), run.Hits("break;", 4)); // the do loop left once per call with x = 2
        Assert.Equal(Count(1), run.Hits("break;", 5));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_break_after_a_for_loop_holding_a_continue_counts_its_condition(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal(Count(1), run.Hits("continue;"));
        Assert.Equal(Count(2), run.Hits("t += k;"));
        Assert.Equal(Count(2), run.Hits("break;", 6)); // n = 3 and n = 0
        Assert.Equal(Count(1), run.Hits("break;", 7));
    }
}
