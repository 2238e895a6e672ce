using FlowCover.Data;
using FlowCover.Tests.Instrumentation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>
/// <c>var b = t % 3 == 0 &amp;&amp; (x &lt; 0 ? n is null : !f);</c> (random seed 81, line 1131):
/// Release probes each arm's value where it jumps to the join. The arm <c>!f</c> writes no
/// condition, so lined up by number its value took <c>n is null</c>'s name and <c>n is null</c>'s
/// value the whole <c>?:</c>'s (<c>n is null true 2</c> where it was never true; found by
/// BuildsAgreeTests' OutcomeTruth). Two values probed where each jumps to one join are a
/// <c>?:</c>'s two arms: they must line up with conditions of its two arms (ArmEndsLineUp), and
/// here keep the bare words. Runs: x -1 with n null (twice) and 2; x 1 with f false; t 1.
/// </summary>
public sealed class ConditionalArmEndsLineUpTests(ConditionalArmEndsLineUpTests.Runs runs) : IClassFixture<ConditionalArmEndsLineUpTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                A(-1, 0, null, true);
                A(-1, 0, null, true);
                A(-1, 3, 2, true);
                A(1, 0, null, false);
                A(1, 1, null, true);
            }

            public static int A(int x, int t, int? n, bool f)
            {
                var b = t % 3 == 0 && (x < 0 ? n is null : !f);
                if (b)
                    t += 5;
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("conditional-arm-ends-line-up", "ConditionalArmEndsLineUp", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void An_arm_without_a_condition_takes_no_name(OptimizationLevel build, CoverageMode mode)
    {
        // Release probes both arms' values, unnamed: `n is null` (true twice, false once) and `!f`
        // (true once). Debug probes neither; its tests keep the jump form.
        List<(string Label, long Count)> expected = build == OptimizationLevel.Release ? [("false", 0), ("false", 1), ("true", 1), ("true", 2)] : [];
        runs.AssertNamed(build, mode, "var b = t % 3", expected);
    }
}
