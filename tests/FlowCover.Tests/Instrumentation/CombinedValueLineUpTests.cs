using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// <c>t % 3 == 0 &amp;&amp; s is { Length: &gt; 2 } || f || q || y != 0</c>: Release computes the
/// <c>&amp;&amp;</c>'s value, ors <c>f</c> and <c>q</c> into it eagerly and tests the whole with one
/// <c>brtrue</c>, which the eager filter leaves (one operand is a value the statement's ways
/// join). Lined up by number with the five conditions, that branch took <c>q</c>'s name: with
/// <c>q</c> true once, Release read <c>q true 3</c> and <c>f true 1; f false 0</c> where <c>f</c>
/// was true once and false twice (random programs, seed 2 line 1953). The statement now keeps the
/// jump form, whose counts are the branches' own.
/// </summary>
public sealed class CombinedValueLineUpTests(CombinedValueLineUpTests.Runs runs) : IClassFixture<CombinedValueLineUpTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Pick(1, "a", true, false, 0);
                Pick(3, "abcd", false, false, 0);
                Pick(2, null, false, false, 0);
                Pick(2, null, false, true, 0);
            }

            public static int Pick(int t, string s, bool f, bool q, int y)
            {
                if (t % 3 == 0 && s is { Length: > 2 } || f || q || y != 0)
                    return 1;
                return 0;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("combined-value-line-up", "CombinedValueLineUp", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void No_operand_is_named_for_a_test_of_several(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        var outcomes = run.Outcomes("if (t % 3 == 0");
        Assert.DoesNotContain(outcomes, o => o.StartsWith("f ", StringComparison.Ordinal) || o.StartsWith("q ", StringComparison.Ordinal));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 4), run.Hits("if (t % 3 == 0 && s is { Length: > 2 } || f || q || y != 0)"));
    }

    [Fact]
    public void Release_counts_each_branch_of_the_line_as_it_ran()
    {
        var run = runs.Get(OptimizationLevel.Release, CoverageMode.Count);
        // t % 3 != 0 three times; s is not null the one time it is tested, and the pattern's value
        // is true; the eager value is true three times (f, the pattern, q), false once; y is 0.
        Assert.Equal(
            ["false=0", "going on to line 13=1", "going on to line 13=1", "going on to line 13=1", "going on to line 14=0",
                "the jump to line 13=0", "the jump to line 13=3", "the jump to line 14=3", "the jump to line 15=1", "true=1"],
            run.Outcomes("if (t % 3 == 0"));
    }
}
