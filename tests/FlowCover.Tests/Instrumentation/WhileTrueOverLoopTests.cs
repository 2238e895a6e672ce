using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// <c>while (true)</c> whose body begins with a <c>while (c)</c> loop: Release compiles no code for
/// it, and the line is read where its body starts. That is not the inner loop's line, whose code is
/// its condition, tested on each way round; it is each jump to that condition (the inner loop's
/// entry, and the outer loop's way back, which Release threads there). The shape of Markdig
/// SmartyPantsInlineParser.cs:298; the counts are Debug's.
/// </summary>
public sealed class WhileTrueOverLoopTests(WhileTrueOverLoopTests.Runs runs) : IClassFixture<WhileTrueOverLoopTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Rounds(3, 2);
                Rounds(2, 0);
            }

            public static int Rounds(int rounds, int inner)
            {
                int n = 0, r = 0, k = 0;
                while (true)
                {
                    while (k < inner)
                    {
                        k++;
                        n++;
                    }
                    k = 0;
                    if (++r >= rounds)
                    {
                        break;
                    }
                }
                return n;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("while-true-over-loop", "WhileTrueOverLoop", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_outer_loop_counts_each_start_of_its_body(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 5), run.Hits("while (true)")); // 3 rounds, then 2
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 5), run.Hits("k = 0;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 6), run.Hits("k++;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 2), run.Hits("return n;"));
    }
}
