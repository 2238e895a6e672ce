using FlowCover.Data;
using FlowCover.Tests.Instrumentation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>
/// <c>if (s is { Length: &gt; 2 } &amp;&amp; f || n is 1 or 3)</c> in an async method (random seed 17,
/// line 1269): both builds keep the pattern as a value (<c>s</c>'s null test, then
/// <c>s.Length &gt; 2</c> or 0) and <c>and</c> it with <c>f</c>. The tests lined up one place off,
/// the null test taking <c>Length: &gt; 2</c>'s place, and the pattern's value probed took
/// <c>f</c>'s name: <c>f false 2</c> where <c>f</c> ran once, true (found by BuildsAgreeTests'
/// OutcomeTruth). A truth test of a reference lines up with a condition that reads a reference
/// only (NullTestSites): the tests keep the jump form, and the values probed the bare words.
/// Runs: s null; "ab" with n 2; "ab" with n 1; "abcd" with f true.
/// </summary>
public sealed class PropertyPatternValueLineUpTests(PropertyPatternValueLineUpTests.Runs runs) : IClassFixture<PropertyPatternValueLineUpTests.Runs>
{
    private const string Source = """
        using System.Threading.Tasks;

        public static class Target
        {
            public static void Run()
            {
                A(null, true, null).Wait();
                A("ab", true, 2).Wait();
                A("ab", false, 1).Wait();
                A("abcd", true, null).Wait();
            }

            public static async Task<int> A(string? s, bool f, int? n)
            {
                if (s is { Length: > 2 } && f || n is 1 or 3)
                    return 1;
                return await Task.FromResult(0);
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("property-pattern-value-line-up", "PropertyPatternValueLineUp", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_patterns_value_is_not_named_after_the_next_operand(OptimizationLevel build, CoverageMode mode)
    {
        // Two values probed, in both builds: `s.Length > 2` where `s` is not null (true once,
        // false twice) and `n is 1 or 3` where the first operand is false (true once, false twice).
        List<(string Label, long Count)> expected = [("false", 2), ("false", 2), ("true", 1), ("true", 1)];
        runs.AssertNamed(build, mode, "if (s is { Length", expected);
    }
}
