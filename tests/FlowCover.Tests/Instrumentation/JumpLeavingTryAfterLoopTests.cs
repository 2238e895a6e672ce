using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A switch section in a <c>try</c> that ends <c>while (a &amp;&amp; b) { ... } break;</c>: the
/// <c>break;</c> is a <c>leave</c>, and Release threads the loop's ways out past it: the
/// condition's first operand branches to another <c>leave</c> of the same place (the one closing
/// the <c>try</c> block), and an inner <c>break;</c> leaves the <c>try</c> by its own. Only the exit
/// by the last operand reached the jump's own <c>leave</c>: Release read 1 where the section's
/// <c>break;</c> ran 4 times (random programs, seed 53 line 1574). The jump-after-if rule now takes
/// a <c>leave</c> as the jump's code: a branch to another <c>leave</c> of the same place is one
/// more run of the jump, counted on its edge; where an inner <c>break;</c> leaves too, the line is
/// left out in Release, as for a <c>try</c> inside the loop.
/// </summary>
public sealed class JumpLeavingTryAfterLoopTests(JumpLeavingTryAfterLoopTests.Runs runs) : IClassFixture<JumpLeavingTryAfterLoopTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                foreach (var (y, s, n) in new (int, string, int?)[] { (0, null, 1), (0, "ab", null), (0, "abc", 2), (20, "a", null), (0, "", null) })
                {
                    WithInnerBreak(y, s, n, 1);
                    NoInnerBreak(y, s, n, 1);
                }
            }

            public static int WithInnerBreak(int y, string s, int? n, int x)
            {
                var t = 0;
                try
                {
                    switch (y)
                    {
                        case 0:
                            var g = 0;
                            while ((s ?? "").Length > 0 && n is null)
                            {
                                t += x;
                                if (++g > 2)
                                    break;
                            }
                            break;
                        case 20:
                            t += 3;
                            break;
                    }
                }
                finally
                {
                    t++;
                }
                return t;
            }

            public static int NoInnerBreak(int y, string s, int? n, int x)
            {
                var t = 0;
                try
                {
                    switch (y)
                    {
                        case 0:
                            while ((s ?? "").Length > t && n is null)
                            {
                                t += x;
                            }
                            break;
                        case 20:
                            t += 3;
                            break;
                    }
                }
                finally
                {
                    t++;
                }
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("jump-leaving-try-after-loop", "JumpLeavingTryAfterLoop", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_break_after_a_loop_counts_every_way_out(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // Four calls take case 0: null (length 0), "ab" with n null (two turns, then the length
        // test), "abc" with n 2, "" (length 0); each leaves the loop by its condition.
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 2), run.Hits("t += x;", 1));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 4), run.Hits("break;", 3));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_past_an_inner_break_is_exact_or_left_out(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // "ab" with n null runs three turns and breaks out of the loop; the section's break runs
        // after each of the four ways out.
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("break;", 0));
        if (build == OptimizationLevel.Debug)
            Assert.Equal(SnippetRunsByBuild.Expected(mode, 4), run.Hits("break;", 1));
        else
            Assert.Null(run.HitsOrNone("break;", 1));
    }
}
