using FlowCover.Data;
using FlowCover.Tests.Instrumentation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>
/// <c>while ((s == "a" ? arr.Length &gt; 1 : s?.Length &gt; 1 &amp;&amp; y &lt; 2) &amp;&amp; ++g &lt; 3)</c>
/// (random seed 15, line 4773): Release tests <c>s</c> for null where the <c>?.</c> reads it, and
/// keeps <c>y &lt; 2</c> as a value the <c>?:</c>'s test reads, so the tests were as many as the
/// conditions and lined up one place off: the null test was <c>s?.Length &gt; 1</c>'s and the
/// compare of the length <c>y &lt; 2</c>'s (<c>y &lt; 2 true 2</c> where it was false twice; found by
/// BuildsAgreeTests' OutcomeTruth). The null test of a <c>?.</c> is the compiler's; it lines up
/// only with a comparison with <c>null</c> (NullTestSites), so the statement keeps the jump form.
/// Runs: s "a" (the true arm, the loop three times); "bcd" with y 0 (the false arm, three times);
/// "bcd" with y 5; null; "b".
/// </summary>
public sealed class NullConditionalTestLineUpTests(NullConditionalTestLineUpTests.Runs runs) : IClassFixture<NullConditionalTestLineUpTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                A("a", new int[2], 0);
                A("bcd", new int[0], 0);
                A("bcd", new int[0], 5);
                A(null, new int[0], 0);
                A("b", new int[0], 0);
            }

            public static int A(string? s, int[] arr, int y)
            {
                var g = 0;
                while ((s == "a" ? arr.Length > 1 : s?.Length > 1 && y < 2) && ++g < 3) ;
                return g;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("null-conditional-test-line-up", "NullConditionalTestLineUp", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_null_test_is_not_the_conditions_test(OptimizationLevel build, CoverageMode mode)
    {
        // Debug probes two values, unnamed: `y < 2` where `s?.Length > 1` was true (3 times true,
        // once false) and `++g < 3` where the `?:` was true (4 times true, twice false). Release
        // reads them with branches (the `?:`'s value test, the loop's), in the jump form.
        List<(string Label, long Count)> expected = build == OptimizationLevel.Debug ? [("false", 1), ("false", 2), ("true", 3), ("true", 4)] : [];
        runs.AssertNamed(build, mode, "while ((s == \"a\"", expected);
    }
}
