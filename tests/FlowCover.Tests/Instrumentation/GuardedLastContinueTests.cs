using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// <c>if (c) continue;</c> as the last statement of a loop's body: both ways of the condition go
/// to the same place, and Release turns the condition's last branch, to the very next
/// instruction, into a <c>pop</c> (or drops the operand): no edge counts the jump, so Release
/// leaves the line out (the contract's honest absence) rather than count it short. Debug keeps
/// the line with its count. The commonest <c>if (c) continue;</c> Release leaves out on random
/// programs (seed 6 line 742 and 26 more of seeds 1-8).
/// </summary>
public sealed class GuardedLastContinueTests(GuardedLastContinueTests.Runs runs) : IClassFixture<GuardedLastContinueTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                for (var x = 0; x < 6; x++)
                    Last(x, x == 5);
            }

            public static int Last(int x, bool f)
            {
                var t = 0;
                for (var i = 0; i < 4; i++)
                {
                    t += i;
                    if (i > x || f)
                        continue;
                }
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("guarded-last-continue", "GuardedLastContinue", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_guarded_continue_ending_the_loop_body_is_left_out_in_Release(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal(Count(24), run.Hits("if (i > x || f)"));
        // i > x: 3 + 2 + 1 + 0 + 0 at x 0-4; f at x 5: 4.
        Assert.Equal(build == OptimizationLevel.Debug ? Count(10) : null, run.HitsOrNone("continue;"));
    }
}
