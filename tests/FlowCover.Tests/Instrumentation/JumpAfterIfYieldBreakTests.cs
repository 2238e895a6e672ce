using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>break;</c> right after an <c>if</c> whose block holds a <c>yield break;</c>
/// (<c>case 0: if (v &gt; 0) { if (d) yield break; t += v; } break;</c>, a <c>yield return</c>
/// after the <c>switch</c>): Release sends the <c>if</c>'s false way straight to the break's
/// target, past the break's own <c>br</c>, which counts only the block completing. The
/// <c>yield break;</c> returns by code of its own, never a branch to that target, so the
/// jump-after-if rule counts the false way too. Random programs, seed 85 line 184: Release read
/// 0 where the break ran once. The counts are Debug's, which runs the break's own code each time.
/// </summary>
public sealed class JumpAfterIfYieldBreakTests(JumpAfterIfYieldBreakTests.Runs runs) : IClassFixture<JumpAfterIfYieldBreakTests.Runs>
{
    private const string Source = """
        using System.Collections.Generic;

        public static class Target
        {
            public static void Run()
            {
                foreach (var _ in Yielding(0, 0, false)) { }
                foreach (var _ in Yielding(0, 1, false)) { }
                foreach (var _ in Yielding(0, 2, false)) { }
                foreach (var _ in Yielding(0, 1, true)) { }
                foreach (var _ in Yielding(1, 0, false)) { }
            }

            public static IEnumerable<int> Yielding(int k, int v, bool d)
            {
                var t = 0;
                switch (k)
                {
                    case 0:
                        if (v > 0)
                        {
                            if (d)
                                yield break;
                            t += v;
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
    public sealed class Runs() : SnippetRunsByBuild("jump-after-if-yield-break", "JumpAfterIfYieldBreak", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_after_an_if_holding_a_yield_break_counts_the_ifs_false_way(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        // k 0 four times: v 0 (the if's false way), v 1 and 2 (the block completes), d (yield break).
        Assert.Equal(Count(1), run.Hits("yield break;"));
        Assert.Equal(Count(2), run.Hits("t += v;"));
        Assert.Equal(Count(3), run.Hits("break;"));
        Assert.Equal(Count(1), run.Hits("break;", 1));
        Assert.Equal(Count(4), run.Hits("yield return t;"));
    }
}
