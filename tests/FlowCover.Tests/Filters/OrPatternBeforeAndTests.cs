using FlowCover.Data;
using FlowCover.Tests.Instrumentation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>
/// <c>m is 1 or 3 &amp;&amp; t &lt; 2</c> on an <c>int</c> tested by an <c>if</c> or a loop: Debug
/// stores the pattern's value as 1 or 0, tests it with <c>brfalse</c> into the <c>&amp;&amp;</c>'s
/// join, computes <c>t &lt; 2</c> there with <c>clt</c>, and branches on the joined value. That
/// last branch was named <c>t &lt; 2</c> and counted every run where the pattern failed as
/// <c>t &lt; 2 false</c> (the loop: 6 where 2 ran); <c>m is 1 or 3 || t &lt; 2</c> counted the
/// pattern's matches as <c>t &lt; 2 true</c>. <c>t &lt; 2</c>'s value is probed where it joins,
/// as for any short-circuit, in both builds alike (StoredOrPatternTest).
/// </summary>
public sealed class OrPatternBeforeAndTests(OrPatternBeforeAndTests.Runs runs) : IClassFixture<OrPatternBeforeAndTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                foreach (var m in new[] { 7, 1, 3, 2, 7, 5 })
                {
                    Loop(m);
                    If(m, m - 1);
                    Or(m, m - 1);
                }
            }

            public static int Loop(int m)
            {
                int t = 0;
                while (m is 1 or 3 && t < 2)
                    t += 1;
                return t;
            }

            public static int If(int m, int t)
            {
                if (m is 1 or 3 && t < 2)
                    return 1;
                return 0;
            }

            public static int Or(int m, int t)
            {
                if (m is 1 or 3 || t < 2)
                    return 1;
                return 0;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("or-pattern-before-and", "OrPatternBeforeAnd", Source);

    // m 1 and 3 turn twice and stop on t < 2 once each; 7, 2, 7, 5 stop on the pattern.
    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_loop_counts_the_right_operand_only_where_it_ran(OptimizationLevel build, CoverageMode mode) =>
        AssertCounts(build, mode, "while (m is 1 or 3 && t < 2)", [3, 7, 3, 4], 4, 2);

    // m 1 (t 0): true; m 3 (t 2): t < 2 false; the other four fail the pattern.
    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void An_if_counts_the_right_operand_only_where_it_ran(OptimizationLevel build, CoverageMode mode) =>
        AssertCounts(build, mode, "if (m is 1 or 3 && t < 2)", [1, 5, 1, 4], 1, 1);

    // m 1 and 3 match; 7 (t 6), 2 (t 1), 7, 5 (t 4) read t < 2: true once, false three times.
    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void An_or_counts_the_right_operand_only_where_it_ran(OptimizationLevel build, CoverageMode mode) =>
        AssertCounts(build, mode, "if (m is 1 or 3 || t < 2)", [1, 5, 1, 4], 1, 3);

    /// <summary>The statement's outcomes: <c>is 1</c> and <c>is 3</c> true and false as
    /// <paramref name="pattern"/> gives them, then <c>t &lt; 2</c>'s.</summary>
    private void AssertCounts(OptimizationLevel build, CoverageMode mode, string statement, long[] pattern, long lessTrue, long lessFalse)
    {
        var run = runs.Get(build, mode);
        Assert.Equal(Sorted(
            [Outcome("is 1 true", pattern[0], mode), Outcome("is 1 false", pattern[1], mode), Outcome("is 3 true", pattern[2], mode),
             Outcome("is 3 false", pattern[3], mode), Outcome("t < 2 true", lessTrue, mode), Outcome("t < 2 false", lessFalse, mode)]),
            run.Outcomes(statement));
    }

    private static string Outcome(string label, long count, CoverageMode mode) => $"{label}={SnippetRunsByBuild.Expected(mode, count)}";

    private static List<string> Sorted(List<string> outcomes) => [.. outcomes.OrderBy(o => o, StringComparer.Ordinal)];
}
