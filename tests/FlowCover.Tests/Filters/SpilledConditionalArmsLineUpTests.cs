using FlowCover.Data;
using FlowCover.Tests.Instrumentation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>
/// <c>while ((x &gt; 1 ? Leaf(x) &gt; 0 : (!f ? n is 1 or 3 : n is null)) &amp;&amp; ++c &lt; 3) ;</c> in an
/// async method (random seed 73, line 2020): the compiler spills the <c>?:</c>s into an
/// <c>if</c>, which places the <c>true</c> arm first, where the conditions list the <c>false</c>
/// arm's first. Lined up by number, the <c>HasValue</c> test of <c>n is 1 or 3</c> took the other
/// arm's <c>n is null</c> and every later name went one place off (<c>n is null true 4</c>, never
/// true there; found by BuildsAgreeTests' OutcomeTruth). The edges of <c>!f</c>'s test do not tell
/// its sense (both lead into arms), but one of them reaches the tests lined up with both arms'
/// conditions (ArmsLineUp): the statement keeps the jump form. Runs: x 3; x 0 with f and n null
/// or 2; x 0 without f and n 1 or 2.
/// </summary>
public sealed class SpilledConditionalArmsLineUpTests(SpilledConditionalArmsLineUpTests.Runs runs) : IClassFixture<SpilledConditionalArmsLineUpTests.Runs>
{
    private const string Source = """
        using System.Threading.Tasks;

        public static class Target
        {
            private static int Leaf(int v) => v >= 2 ? v - 2 : v;

            public static void Run()
            {
                A(3, true, null).Wait();
                A(0, true, null).Wait();
                A(0, true, 2).Wait();
                A(0, false, 1).Wait();
                A(0, false, 2).Wait();
            }

            public static async Task<int> A(int x, bool f, int? n)
            {
                var c = 0;
                await Task.Yield();
                while ((x > 1 ? Leaf(x) > 0 : (!f ? n is 1 or 3 : n is null)) && ++c < 3) ;
                return c;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("spilled-conditional-arms-line-up", "SpilledConditionalArmsLineUp", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void No_test_takes_the_other_arms_condition(OptimizationLevel build, CoverageMode mode)
    {
        // Debug probes `++c < 3`'s value, unnamed (three loops of three: true 6 times, false 3);
        // Release tests it with a branch, in the jump form.
        List<(string Label, long Count)> expected = build == OptimizationLevel.Debug ? [("false", 3), ("true", 6)] : [];
        runs.AssertNamed(build, mode, "while ((x > 1", expected);
    }
}
