using FlowCover.Data;
using FlowCover.Tests.Instrumentation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>
/// <c>if ((x is &gt; 1 and &lt; 5 ? f &amp;&amp; q : n is 1 or 3) || y &lt; 2 &amp;&amp; f)</c> with
/// <c>int? n</c> (random seed 9, line 2603): Debug's tests lined up with the source's conditions
/// one place off, the <c>HasValue</c> test taking a condition's place, and handed names to other
/// tests (<c>is 1 true</c> 1 and <c>is 3 true</c> 1 where <c>n</c> was null, <c>y &lt; 2 true</c> 1
/// where it ran once, false). A <c>HasValue</c> test lines up with a null test only
/// (NullTestSites): the tests keep the jump form, and the eager operands their own labels.
/// Runs: x 2 (f, q true: the arm true, the whole true), then x 0, n null, y 5 (the whole false).
/// </summary>
public sealed class HasValueLineUpTests(HasValueLineUpTests.Runs runs) : IClassFixture<HasValueLineUpTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                A(2, 0, true, null, true);
                A(0, 5, false, null, false);
            }

            public static int A(int x, int y, bool f, int? n, bool q)
            {
                if ((x is > 1 and < 5 ? f && q : n is 1 or 3) || y < 2 && f)
                    return 1;
                return 0;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("has-value-line-up", "HasValueLineUp", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void No_condition_is_named_on_another_test(OptimizationLevel build, CoverageMode mode)
    {
        // `f && q` (both true once) is eager in both builds, its operands `left`/`right`; Debug
        // probes `y < 2 & f`'s value (false once), Release names that chain's operands too.
        List<(string Label, long Count)> expected = build == OptimizationLevel.Debug
            ? [("false", 1), ("left false", 0), ("left true", 1), ("right false", 0), ("right true", 1), ("true", 0)]
            : [("left false", 0), ("left false", 1), ("left true", 0), ("left true", 1), ("right false", 0), ("right false", 0), ("right true", 0), ("right true", 1)];
        runs.AssertNamed(build, mode, "if ((x is > 1", expected);
    }
}
