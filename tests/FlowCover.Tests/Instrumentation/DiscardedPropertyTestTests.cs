using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A condition on a property behind a null test whose two ways run the same code (<c>if (s is {
/// Length: &gt; 2 }) return t; return t;</c>, <c>if (s?.Length &gt; 1) ...</c>): Release computes
/// the comparison and drops it (<c>pop; pop</c>), keeping only the null test, whose way past it
/// is every value that is not null. The IL cannot tell the condition's outcomes, so Release gives
/// the line its count and no outcome (docs/annotations.md); Debug, which keeps the comparison,
/// names both. Random programs, seeds 9-30 (docs/differential.md, "Seeds 9-30"): Release read
/// <c>true 4, false 1</c> where the pattern was true 2, false 3.
/// </summary>
public sealed class DiscardedPropertyTestTests(DiscardedPropertyTestTests.Runs runs) : IClassFixture<DiscardedPropertyTestTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                foreach (var s in new[] { "abc", "a", null, "a", "abc" })
                {
                    Pattern(s, 1);
                    Conditional(s, 1);
                }
            }

            public static int Pattern(string s, int t)
            {
                if (s is { Length: > 2 })
                    return t;
                return t;
            }

            public static int Conditional(string s, int t)
            {
                if (s?.Length > 1)
                    return t;
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("discarded-property-test", "DiscardedPropertyTest", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void Release_names_no_outcome_it_cannot_tell(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal(Count(5), run.Hits("if (s is { Length: > 2 })"));
        Assert.Equal(Count(5), run.Hits("if (s?.Length > 1)"));
        // "abc" twice: true 2; "a" twice and null: false 3.
        Assert.Equal(build == OptimizationLevel.Debug ? [$"false={Count(3)}", $"true={Count(2)}"] : [], run.Outcomes("if (s is { Length: > 2 })"));
        Assert.Equal(build == OptimizationLevel.Debug ? [$"false={Count(3)}", $"not null={Count(4)}", $"null={Count(1)}", $"true={Count(2)}"] : [],
            run.Outcomes("if (s?.Length > 1)"));
    }
}
