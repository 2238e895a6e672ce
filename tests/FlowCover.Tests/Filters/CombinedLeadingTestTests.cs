using FlowCover.Data;
using FlowCover.Tests.Instrumentation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>
/// <c>while ((n &gt; 2 &amp;&amp; f) &amp;&amp; ++g &lt; 3)</c> with <c>int? n</c> (random seed 75, line
/// 3311): Debug tests <c>n &gt; 2 &amp; f</c> eagerly, one branch, and probes <c>++g &lt; 3</c>'s
/// value. Lined up by number from the first condition, the branch was <c>n &gt; 2</c>'s test and
/// the value probed <c>f</c>'s: <c>f true 2</c> where <c>f</c> was true 3 times (found by
/// BuildsAgreeTests' OutcomeTruth). A branch on an eager <c>and</c>/<c>or</c> of several operands is
/// no one operand's test: the statement keeps the jump form, and the value the bare words.
/// Runs: n null; n 3 and f (the loop runs until g is 3); n 1; n 3 without f.
/// </summary>
public sealed class CombinedLeadingTestTests(CombinedLeadingTestTests.Runs runs) : IClassFixture<CombinedLeadingTestTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                A(null, true);
                A(3, true);
                A(1, false);
                A(3, false);
            }

            public static int A(int? n, bool f)
            {
                var g = 0;
                while ((n > 2 && f) && ++g < 3) ;
                return g;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("combined-leading-test", "CombinedLeadingTest", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void No_operand_is_named_on_the_combined_test(OptimizationLevel build, CoverageMode mode)
    {
        // Debug probes `++g < 3` where `n > 2 & f` was true (3 times: true twice, then false);
        // Release tests it with a branch, in the jump form.
        List<(string Label, long Count)> expected = build == OptimizationLevel.Debug ? [("false", 1), ("true", 2)] : [];
        runs.AssertNamed(build, mode, "while ((n > 2", expected);
    }
}
