using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>break;</c> with its own <c>br</c> right after an <c>if</c> whose block ends with a
/// <c>try</c>/<c>finally</c>: Release's <c>leave</c> from the <c>try</c> goes straight to the
/// break's target, so the break also ran each time that <c>finally</c> completed, which no probe
/// can count (one on the <c>leave</c> runs before the <c>finally</c>, which may throw). Random
/// programs, seed 45 line 3316 (docs/differential.md, "Break counts past a kept value or a
/// finally"): Release read 0 where 1 ran. Debug counts it; Release leaves the line out.
/// </summary>
public sealed class JumpPastFinallyTests(JumpPastFinallyTests.Runs runs) : IClassFixture<JumpPastFinallyTests.Runs>
{
    private const string Source = """
        using System.Collections.Generic;

        public static class Target
        {
            public static void Run()
            {
                foreach (var _ in Items(0, 2, true)) { }
                foreach (var _ in Items(0, 2, false)) { }
                foreach (var _ in Items(0, 0, true)) { }
                foreach (var _ in Items(1, 0, true)) { }
                try
                {
                    foreach (var _ in Items(0, 5, true)) { }
                }
                catch (System.DivideByZeroException)
                {
                }
            }

            public static IEnumerable<int> Items(int k, int x, bool f)
            {
                var t = 0;
                switch (k)
                {
                    case 0:
                        if (x > 1)
                        {
                            try
                            {
                                t += 1;
                            }
                            finally
                            {
                                t = f ? t + 10 / (5 - x) : t - 1;
                            }
                        }
                        else
                        {
                            t += 2;
                        }
                        break;
                    default:
                        t--;
                        break;
                }
                yield return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("jump-past-finally", "JumpPastFinally", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_after_an_if_ending_in_a_finally_is_counted_in_debug_and_left_out_in_release(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // k 0 four times: x 2 twice (the try, the finally completes), x 0 (the else), x 5 (the
        // finally throws: the break never runs).
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("t += 1;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("t += 2;"));
        Assert.Equal(build == OptimizationLevel.Debug ? SnippetRunsByBuild.Expected(mode, 3) : null, run.HitsOrNone("break;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("break;", 1)); // k 1.
    }
}
