using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>break;</c> with its own <c>br</c> right after an <c>if</c> that tests a boolean kept the
/// statement before (<c>var b = o is string; if (b) t += 5;</c>), alone or inside another
/// <c>if</c>: Release branches on the value as it is computed, straight to the break's target,
/// and the kept value's probe reads it before that branch. Random programs, seeds 31-50
/// (docs/differential.md, "Break counts past a kept value or a finally"): Release read 0 where 1
/// ran (33:1692, an <c>if (!f) { ... }</c> around it; 49:294, the <c>if</c> of one statement in an
/// async method). The counts are Debug's, which runs the break's own code each time.
/// </summary>
public sealed class JumpAfterKeptValueTestTests(JumpAfterKeptValueTestTests.Runs runs) : IClassFixture<JumpAfterKeptValueTestTests.Runs>
{
    private const string Source = """
        using System.Threading.Tasks;

        public static class Target
        {
            public static void Run()
            {
                Nested(0, true, "x");
                Nested(0, false, "x");
                Nested(0, false, 1);
                Nested(1, false, 1);
                OneStatement(0, null);
                OneStatement(0, 2);
                OneStatement(1, 2);
                Awaited(0, null).GetAwaiter().GetResult();
                Awaited(0, 2).GetAwaiter().GetResult();
                Awaited(0, 3).GetAwaiter().GetResult();
            }

            public static int Nested(int k, bool f, object o)
            {
                var t = 0;
                switch (k)
                {
                    case 0:
                        if (!f)
                        {
                            var b = o is string;
                            if (b)
                                t += 5;
                        }
                        break;
                    default:
                        t--;
                        break;
                }
                return t;
            }

            public static int OneStatement(int k, int? n)
            {
                var t = 0;
                switch (k)
                {
                    case 0:
                        var b = n is null;
                        if (b)
                            t += 6;
                        break;
                    default:
                        t--;
                        break;
                }
                return t;
            }

            public static async Task<int> Awaited(int k, int? n)
            {
                var t = 0;
                switch (k)
                {
                    case 0:
                        await Task.Yield();
                        var b = n is null;
                        if (b)
                            t += 7;
                        break;
                    default:
                        t--;
                        break;
                }
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("jump-after-kept-value-test", "JumpAfterKeptValueTest", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_after_an_if_around_a_kept_value_test_counts_each_way(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // k 0 three times: f true (the outer if's false), "x" (t += 5), 1 (the kept value false).
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("t += 5;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("break;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("break;", 1));
        Assert.Equal(["false=1", "true=1"], run.Outcomes("if (b)").Select(o => SetRead(o, mode)));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_after_a_one_statement_if_on_a_kept_value_counts_both_ways(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // k 0 twice: null (t += 6), 2 (past it).
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("t += 6;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 2), run.Hits("break;", 2));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_after_a_kept_value_test_in_an_async_method_counts_both_ways(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // k 0 three times: null (t += 7), 2 and 3 (past it).
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("t += 7;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("break;", 4));
    }

    /// <summary>An outcome as set mode reads it (hit or not).</summary>
    private static string SetRead(string outcome, CoverageMode mode) =>
        mode == CoverageMode.Count || outcome.EndsWith("=0", StringComparison.Ordinal) ? outcome : outcome[..(outcome.LastIndexOf('=') + 1)] + "1";
}
