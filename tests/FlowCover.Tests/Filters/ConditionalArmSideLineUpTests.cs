using FlowCover.Data;
using FlowCover.Tests.Instrumentation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>
/// <c>var b = x == y &amp;&amp; (x is &gt; 1 and &lt; 5 ? o is string : n &gt; 2);</c> (random seed 91,
/// line 5555): Release probes the value of each arm where it joins the other. The arm
/// <c>n &gt; 2</c> writes no condition, so its value probed was lined up with the other arm's
/// <c>o is string</c> (<c>o is string false 0</c> where <c>o</c> was not a string once; found by
/// BuildsAgreeTests' OutcomeTruth). A test lined up with a condition written in an arm must not be
/// reached from the <c>?:</c>'s edges into the other arm (ArmsLineUp): the values keep the bare
/// words. Runs: x != y; x 0 with n null (the false arm, false); x 2 with o a string (the true
/// arm, true); x 7 with n 3 (the false arm, true).
/// </summary>
public sealed class ConditionalArmSideLineUpTests(ConditionalArmSideLineUpTests.Runs runs) : IClassFixture<ConditionalArmSideLineUpTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                A(0, 1, new[] { 1, 2, 3 }, 1, 5, 0);
                A(0, 0, new[] { 1, 2, 3 }, null, null, 0);
                A(2, 2, new[] { 1 }, null, "s", 0);
                A(7, 7, new[] { 1 }, 3, null, 0);
            }

            public static int A(int x, int y, int[] arr, int? n, object? o, int t)
            {
                if (arr is [_, ..])
                {
                    var b = x == y && (x is > 1 and < 5 ? o is string : n > 2);
                    if (b)
                        t += 5;
                }
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("conditional-arm-side-line-up", "ConditionalArmSideLineUp", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void An_arms_value_is_not_named_after_the_other_arm(OptimizationLevel build, CoverageMode mode)
    {
        // Release probes both arms' values, unnamed: `o is string` (true once) and `n > 2` (true
        // once, false once). Debug probes neither; its tests keep the jump form.
        List<(string Label, long Count)> expected = build == OptimizationLevel.Release ? [("false", 0), ("false", 1), ("true", 1), ("true", 1)] : [];
        runs.AssertNamed(build, mode, "var b = x == y", expected);
    }
}
