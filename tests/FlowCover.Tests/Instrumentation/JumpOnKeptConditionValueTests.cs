using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>goto</c> or <c>break;</c> that is an <c>if</c>'s whole statement, whose condition
/// Release keeps as a value in locals (<c>++c &lt; 3 &amp;&amp; (n is 1 or 3 || n &gt; 2)</c>,
/// and in an async method <c>++c &lt; 3 &amp;&amp; (o is string || n is 1 or 3)</c>): the
/// pattern's <c>n is 1</c> and <c>n is 3</c> edges push 1 and reach the target only through the
/// later branch on the whole value. Random programs, seeds 61-80 (docs/differential.md, "Jumps
/// on a condition kept as a value"): Release read 4 where the <c>goto</c> ran 2 (79:2704, those
/// edges and the value's branch both counted) and 4 where it ran 6 (74:241; 74:4257, a
/// <c>break;</c>, 2 where 3: the value's branch is a value probe's, the <c>o is string</c> way
/// not counted). The counts are Debug's; the async one has no exact count in Release and is left out.
/// </summary>
public sealed class JumpOnKeptConditionValueTests(JumpOnKeptConditionValueTests.Runs runs) : IClassFixture<JumpOnKeptConditionValueTests.Runs>
{
    private const string Source = """
        using System.Threading.Tasks;

        public static class Target
        {
            public static void Run()
            {
                Sync(1);
                Sync(5);
                Sync(null);
                Awaited("x", 1).GetAwaiter().GetResult();
                Awaited(1, 1).GetAwaiter().GetResult();
                Awaited(1, 5).GetAwaiter().GetResult();
                Awaited(null, 3).GetAwaiter().GetResult();
            }

            public static int Sync(int? n)
            {
                var t = 0;
                var c = 0;
        Again:
                t++;
                if (++c < 3 && (n is 1 or 3 || n > 2))
                    goto Again;
                return t;
            }

            public static async Task<int> Awaited(object o, int? n)
            {
                var t = 0;
                await Task.Yield();
                var c = 0;
        Again:
                t += 2;
                if (++c < 3 && (o is string || n is 1 or 3))
                    goto Again;
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("jump-on-kept-condition-value", "JumpOnKeptConditionValue", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_goto_on_a_pattern_or_kept_as_a_value_counts_each_run_once(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // n 1 (by `is 1`) and n 5 (by `n > 2`): c 1 and 2 go back, 3 stops; n null: once.
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 7), run.Hits("t++;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 4), run.Hits("goto Again;"));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_goto_on_a_value_probed_condition_in_an_async_method_is_counted_in_debug_and_left_out_in_release(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // Twice back each by o "x", by n 1 and by n 3; n 5 with o 1 stops at once.
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 10), run.Hits("t += 2;"));
        Assert.Equal(build == OptimizationLevel.Debug ? SnippetRunsByBuild.Expected(mode, 6) : null, run.HitsOrNone("goto Again;", 1));
    }
}
