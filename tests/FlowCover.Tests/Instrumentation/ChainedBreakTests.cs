using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A switch section's last <c>break;</c> whose target is another <c>break;</c> (the one right
/// after its switch, ending an outer section): Release compiles both to nothing, and the inner
/// switch's own <c>break;</c>s and its no-match way go straight to where the outer one goes. Each
/// such way is one run of the first <c>break;</c> (its statement before, the inner switch,
/// completing). Found by comparing Debug and Release on random programs (Release left the line
/// out); the counts are Debug's, worked out from the inputs.
/// </summary>
public sealed class ChainedBreakTests(ChainedBreakTests.Runs runs) : IClassFixture<ChainedBreakTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Nested(1, 2, 3);
                Nested(1, 2, 4);
                Nested(1, 2, 9);
                Nested(1, 5, 0);
                Nested(0, 0, 0);
                Nested(1, 2, 3);
                Looped(1, 2, 3);
                Looped(1, 2, 9);
                Looped(1, 5, 0);
                Looped(0, 0, 0);
            }

            public static int Nested(int x, int y, int n)
            {
                var t = 0;
                switch (x)
                {
                    case 1:
                        switch (y)
                        {
                            case 2:
                                switch (n)
                                {
                                    case 3:
                                        t += 5;
                                        break;
                                    case 4:
                                        t += 6;
                                        break;
                                }
                                break;
                            default:
                                t += 11;
                                break;
                        }
                        break;
                    default:
                        t++;
                        break;
                }
                t *= 2;
                return t;
            }

            public static int Looped(int x, int y, int n)
            {
                var u = 0;
                for (var k = 0; k < 3; k++)
                {
                    switch (x)
                    {
                        case 1:
                            switch (y)
                            {
                                case 2:
                                    switch (n + k)
                                    {
                                        case 3:
                                            u += 5;
                                            break;
                                        case 4:
                                            u += 6;
                                            break;
                                    }
                                    break;
                                default:
                                    u += 11;
                                    break;
                            }
                            break;
                        default:
                            u++;
                            break;
                    }
                }
                return u;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("chained-break", "ChainedBreak", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_break_onto_a_break_counts_each_way_its_switch_completes(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal(Count(2), run.Hits("t += 5;"));
        Assert.Equal(Count(1), run.Hits("t += 6;"));
        Assert.Equal(Count(4), run.Hits("break;", 2));  // switch (n) completed 4 times: 2 + 1 by its sections, once by no match
        Assert.Equal(Count(1), run.Hits("t += 11;"));
        Assert.Equal(Count(5), run.Hits("break;", 4));  // switch (y) completed 5 times
        Assert.Equal(Count(6), run.Hits("return t;"));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_break_onto_a_break_in_a_loop_counts_each_way_its_switch_completes(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal(Count(1), run.Hits("u += 5;"));    // n + k is 3 at k 0 of the first call only
        Assert.Equal(Count(1), run.Hits("u += 6;"));    // and 4 at its k 1
        Assert.Equal(Count(6), run.Hits("break;", 8));  // switch (n + k) completed 6 times (two calls, three rounds)
        Assert.Equal(Count(9), run.Hits("break;", 10)); // switch (y) completed 9 times
        Assert.Equal(Count(4), run.Hits("return u;"));
    }
}
