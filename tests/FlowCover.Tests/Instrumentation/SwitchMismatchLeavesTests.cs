using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A switch statement in a <c>try</c>, with no <c>default</c>: Release compiles the labels
/// 0, 5, 10, 20 as a tree of compares and ends each subtree's mismatches in a <c>leave</c> of its
/// own, with no sequence point. Each <c>leave</c> was an outcome of its own, both named
/// <c>no arm matching</c>, so the way past the switch was counted under one name twice (random
/// programs, seed 53 line 1548); Debug, one <c>leave</c>, read <c>no arm matching</c> where a
/// switch statement says <c>no case matched</c>. Both builds now read one outcome, named by the
/// source, with every mismatch counted.
/// </summary>
public sealed class SwitchMismatchLeavesTests(SwitchMismatchLeavesTests.Runs runs) : IClassFixture<SwitchMismatchLeavesTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                foreach (var y in new[] { 0, 2, 1, 15, 30, 20 })
                    Pick(y);
            }

            public static int Pick(int y)
            {
                var t = 0;
                try
                {
                    switch (y)
                    {
                        case 10:
                            t += 1;
                            break;
                        case 0:
                        case 5:
                            t += 2;
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
    public sealed class Runs() : SnippetRunsByBuild("switch-mismatch-leaves", "SwitchMismatchLeaves", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void Every_mismatch_is_one_outcome_named_by_the_source(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // 2 and 1 fail the compares below 5, 15 and 30 those above; 0 and 20 match.
        Assert.Equal(
            [$"case 0={SnippetRunsByBuild.Expected(mode, 1)}", "case 10=0", $"case 20={SnippetRunsByBuild.Expected(mode, 1)}", "case 5=0",
                $"no case matched={SnippetRunsByBuild.Expected(mode, 4)}"],
            run.Outcomes("switch (y)"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 6), run.Hits("switch (y)"));
    }
}
