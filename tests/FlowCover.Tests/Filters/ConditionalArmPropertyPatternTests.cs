using FlowCover.Data;
using FlowCover.Tests.Instrumentation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>
/// A property pattern written as an arm of a <c>?:</c> (<c>y != 0 ? y &lt; 2 : s is { Length: &gt; 2 }</c>)
/// is one condition whose <c>false</c> counts every run where it failed, a null <c>s</c> or a short
/// one (docs/annotations.md). The compiler computes its value into the arms' join: Debug probed the
/// comparison's value alone (its <c>false</c> short by the nulls), Release named the null test's two
/// edges as the pattern's outcomes (BuildsAgreeTests seed 21 line 4989). Each method runs with a
/// null string twice, a long one and a short one on the pattern's arm, and once on the other arm.
/// </summary>
public sealed class ConditionalArmPropertyPatternTests(ConditionalArmPropertyPatternTests.Runs runs) : IClassFixture<ConditionalArmPropertyPatternTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                foreach (var s in new[] { null, null, "abcd", "a" })
                {
                    Last(0, s);
                    First(1, s);
                    Both(true, s, s);
                    Both(false, "x", s);
                }
                Last(1, null);
                First(0, "a");
            }
            public static int Last(int y, string s)
            {
                if ((y != 0 ? y < 2 : s is { Length: > 2 }))
                    return 1;
                return 0;
            }
            public static int First(int y, string s)
            {
                if (y != 0 ? s is { Length: > 2 } : y < 2)
                    return 1;
                return 0;
            }
            public static int Both(bool x, string s, string t)
            {
                if (x ? s is { Length: > 2 } : t is { Length: 1 })
                    return 1;
                return 0;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("conditional-arm-property-pattern", "ConditionalArmPropertyPattern", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_null_test_is_the_arms_false(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        List<string> Expect(params (string Label, long Count)[] outcomes) =>
            [.. outcomes.Select(o => $"{o.Label}={SnippetRunsByBuild.Expected(mode, o.Count)}").Order(StringComparer.Ordinal)];
        // The `?:`'s own condition is in the jump form here, not this test's subject; the `?:`'s
        // value, which the `if` tests, is named by its place.
        List<string> Named(string text) => [.. run.Outcomes(text).Where(o => !o.StartsWith("the jump", StringComparison.Ordinal)
            && !o.StartsWith("going on", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
        // null, null, "a" fail; "abcd" matches; `y < 2` is true once.
        Assert.Equal(Expect(("Length: > 2 true", 1), ("Length: > 2 false", 3), ("operand 3 true", 2), ("operand 3 false", 3)),
            Named("if ((y != 0 ? y < 2 : s is { Length: > 2 }))"));
        Assert.Equal(Expect(("Length: > 2 true", 1), ("Length: > 2 false", 3), ("operand 3 true", 2), ("operand 3 false", 3)),
            Named("if (y != 0 ? s is { Length: > 2 } : y < 2)"));
        // Both arms patterns: `t` is null twice, "abcd" and "a" (matched) on the second arm.
        Assert.Equal(Expect(("Length: > 2 true", 1), ("Length: > 2 false", 3), ("Length: 1 true", 1), ("Length: 1 false", 3),
            ("operand 4 true", 2), ("operand 4 false", 6)), Named("if (x ? s is { Length: > 2 } : t is { Length: 1 })"));
    }
}
