using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>break;</c> right after an <c>if</c> whose code holds a <c>yield return</c>, or a loop
/// with a <c>break;</c> of its own: the <c>if</c> still completes only into the jump, and Release
/// sends each of its ways straight to the jump's target, past the jump's own <c>br</c>
/// (docs/annotations.md, "A jump that keeps its own <c>br</c> right after an <c>if</c>"). Random
/// programs, seeds 9-30 (docs/differential.md, "Seeds 9-30"): Release read 0 where Debug ran 9
/// (seed 21, <c>if (...) { yield return t; } break;</c>) and 0 where it ran 2 (seed 12, a
/// <c>while</c> with its own <c>break;</c> in the <c>else</c>). The counts are Debug's, which runs
/// each jump's own code.
/// </summary>
public sealed class JumpAfterIfHoldingJumpsTests(JumpAfterIfHoldingJumpsTests.Runs runs) : IClassFixture<JumpAfterIfHoldingJumpsTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                foreach (var _ in Yields(new[] { 0, 1, 0, 0 }, -1)) { }
                foreach (var _ in Yields(new[] { 0, 1, 0, 0 }, 1)) { }
                LoopInElse(1, 5);
                LoopInElse(1, null);
                LoopInElse(1, 2);
                LoopInElse(0, null);
            }

            public static System.Collections.Generic.IEnumerable<int> Yields(int[] ys, int x)
            {
                var t = 0;
                foreach (var y in ys)
                {
                    switch (y)
                    {
                        case 0:
                            if (x < 0)
                            {
                                yield return t;
                            }
                            break;
                        default:
                            t++;
                            break;
                    }
                }
            }

            public static int LoopInElse(int y, int? n)
            {
                var t = 0;
                switch (y)
                {
                    case 1:
                        if (n is 5)
                        {
                            t += 1;
                        }
                        else
                        {
                            var g = 0;
                            while (n is null)
                            {
                                t++;
                                if (++g > 2)
                                    break;
                            }
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
    public sealed class Runs() : SnippetRunsByBuild("jump-after-if-holding-jumps", "JumpAfterIfHoldingJumps", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_after_an_if_holding_a_yield_return_counts_both_ways(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // Case 0 three times in each call: after the yield (x = -1), then past the `if` (x = 1).
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("yield return t;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 6), run.Hits("break;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 2), run.Hits("break;", 1));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_after_an_else_holding_a_loop_with_its_own_break_counts_each_way(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // `n is 5`, then the loop's own break (null: three turns), then the loop not entered (2).
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("t++;", 1));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("break;", 2));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("break;", 3));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("break;", 4));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 4), run.Hits("return t;"));
    }
}
