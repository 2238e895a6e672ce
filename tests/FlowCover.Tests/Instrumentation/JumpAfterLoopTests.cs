using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>break;</c> right after a <c>do</c> loop that holds no jump of its own: the loop can only
/// complete into the <c>break;</c>, by its condition, and Release sends the condition's way out
/// straight to where the <c>break;</c> goes, past its own <c>br</c>. Each such way is one more run
/// of the <c>break;</c> (the jump-after-if rule, for loops). Found by comparing Debug and Release
/// on random programs (Release read 1 where 4 ran; 0 where 1 ran: a wrong miss); the counts are Debug's.
/// </summary>
public sealed class JumpAfterLoopTests(JumpAfterLoopTests.Runs runs) : IClassFixture<JumpAfterLoopTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Sections(2, 0, 2);
                Sections(2, 1, 1);
                Sections(1, 0, 3);
                Sections(6, 3, 1);
                Returning(2, 0);
                Returning(2, 1);
                Returning(1, 0);
                Returning(6, 3);
            }

            public static int Sections(int x, int t, int n)
            {
                for (var k = 0; k < n; k++)
                {
                    switch (x & 3)
                    {
                        case 2:
                            var g = 0;
                            do
                            {
                                t += x;
                            }
                            while ((t % 3 == 0) && ++g < 3);
                            break;
                        default:
                            t++;
                            break;
                    }
                }
                return t;
            }

            public static int Returning(int x, int t)
            {
                switch (x & 3)
                {
                    case 2:
                        var h = 0;
                        do
                        {
                            t -= x;
                        }
                        while ((t % 3 == 0) && ++h < 3);
                        break;
                    default:
                        return t + 1;
                }
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("jump-after-loop", "JumpAfterLoop", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_break_after_a_do_loop_counts_each_way_out_of_its_condition(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal(Count(7), run.Hits("t += x;"));
        Assert.Equal(Count(4), run.Hits("break;"));    // the do loop left 4 times: 3 by t % 3 != 0, once by ++g < 3
        Assert.Equal(Count(3), run.Hits("break;", 1));
        Assert.Equal(Count(4), run.Hits("return t;"));
    }

    /// <summary>The same with nothing else in the method that makes the source worth parsing (no
    /// <c>break;</c> before a closing brace): the cheap look (SyntaxNeed) sees the loop's end.</summary>
    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_break_after_a_do_loop_is_read_with_nothing_else_to_parse_for(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal(Count(3), run.Hits("break;", 2));
        Assert.Equal(Count(3), run.Hits("return t;", 1));
    }
}
