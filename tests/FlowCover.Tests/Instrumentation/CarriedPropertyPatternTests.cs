using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A property pattern kept in a local that the next statement tests (<c>var b = s is { Length:
/// &gt; 2 }; if (b) ...</c>): Release drops the local and leaves the value on the stack for the
/// <c>if</c>. The pattern is one condition, its null test folded into its <c>false</c>
/// (docs/annotations.md). Random programs, seeds 9-30 (docs/differential.md, "Seeds 9-30"): Release
/// named the comparison's value alone <c>false</c>, 4 where the pattern was false 6 times (each
/// null missed), the null test in the jump form beside it.
/// </summary>
public sealed class CarriedPropertyPatternTests(CarriedPropertyPatternTests.Runs runs) : IClassFixture<CarriedPropertyPatternTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                foreach (var s in new[] { null, "a", "abc", null, "abcd", "" })
                    Carried(s, 1);
            }

            public static int Carried(string s, int t)
            {
                var b = s is { Length: > 2 };
                if (b)
                    t += 5;
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("carried-property-pattern", "CarriedPropertyPattern", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_null_value_counts_as_the_patterns_false(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // Two nulls, "a" and "": false 4; "abc" and "abcd": true 2.
        Assert.Equal([$"false={SnippetRunsByBuild.Expected(mode, 4)}", $"true={SnippetRunsByBuild.Expected(mode, 2)}"], run.Outcomes("var b = s is { Length: > 2 };"));
        Assert.Equal([$"false={SnippetRunsByBuild.Expected(mode, 4)}", $"true={SnippetRunsByBuild.Expected(mode, 2)}"], run.Outcomes("if (b)"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 2), run.Hits("t += 5;"));
    }
}
