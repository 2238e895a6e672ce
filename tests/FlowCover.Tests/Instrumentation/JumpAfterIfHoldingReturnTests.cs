using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>break;</c> with its own <c>br</c> right after an <c>if</c> or a loop that holds a
/// <c>return</c> (not written as the jump's target is), a <c>goto</c> to a label inside it, a
/// <c>try</c> or an <c>await</c>: the statement still completes only into the jump (or leaves
/// the method), and Release sends its ways that complete it straight to the jump's target, past
/// the jump's <c>br</c>. Random programs, seeds 9-30 (docs/differential.md, "Wrong break counts
/// and seeds 31-50"): Release read 1 where 2 ran (seed 15, a <c>return</c> in the <c>else</c>),
/// 0 where 2 ran (seed 15, a <c>do</c> holding a <c>goto</c>), 0 where 1 ran (seed 16, an
/// <c>if</c> holding a <c>try</c>) and 1 where 4 ran (seed 21, an async method). The counts are
/// Debug's, which runs each jump's own code.
/// </summary>
public sealed class JumpAfterIfHoldingReturnTests(JumpAfterIfHoldingReturnTests.Runs runs) : IClassFixture<JumpAfterIfHoldingReturnTests.Runs>
{
    private const string Source = """
        using System.Threading.Tasks;

        public static class Target
        {
            public static void Run()
            {
                ReturnInElse(0, true, false);
                ReturnInElse(0, false, false);
                ReturnInElse(0, false, true);
                ReturnInElse(1, false, true);
                GotoInLoop(0, 1, null);
                GotoInLoop(0, 5, 2);
                GotoInLoop(1, 5, 2);
                TryInIf(0, 1);
                TryInIf(0, 0);
                TryInIf(0, -1);
                TryInIf(1, 1);
                Awaits(0, "abc").GetAwaiter().GetResult();
                Awaits(0, null).GetAwaiter().GetResult();
                Awaits(0, "x").GetAwaiter().GetResult();
                Awaits(1, null).GetAwaiter().GetResult();
            }

            public static int ReturnInElse(int k, bool a, bool c)
            {
                var t = 0;
                switch (k)
                {
                    case 0:
                        if (a)
                        {
                            t += 2;
                        }
                        else
                        {
                            if (c)
                                return t;
                            t += 3;
                        }
                        break;
                    default:
                        t--;
                        break;
                }
                t++;
                return t;
            }

            public static int GotoInLoop(int k, int y, int? n)
            {
                var t = 0;
                switch (k)
                {
                    case 0:
                        var g = 0;
                        do
                        {
                            var c = 0;
        L1:
                            t++;
                            if (++c < 3 && y < 2)
                                goto L1;
                        }
                        while (n is null && ++g < 3);
                        break;
                    default:
                        t--;
                        break;
                }
                t++;
                return t;
            }

            public static int TryInIf(int k, int y)
            {
                var t = 0;
                switch (k)
                {
                    case 0:
                        if (y >= 0)
                        {
                            try
                            {
                                t++;
                            }
                            finally
                            {
                                t += 2;
                            }
                            if (y != 0)
                            {
                                t += 4;
                            }
                            else
                            {
                                t += 5;
                            }
                        }
                        else
                        {
                            t--;
                        }
                        break;
                    default:
                        t -= 2;
                        break;
                }
                t++;
                return t;
            }

            public static async Task<int> Awaits(int k, string s)
            {
                var t = 0;
                switch (k)
                {
                    case 0:
                        if (s is { Length: > 2 })
                        {
                            t += 6;
                        }
                        else
                        {
                            t += await Task.FromResult(k);
                            try
                            {
                                t += 7;
                            }
                            finally
                            {
                                t += 8;
                            }
                            for (var i = 0; i < 2; i++)
                            {
                                await Task.Yield();
                                t += 9;
                            }
                        }
                        break;
                    default:
                        t -= 3;
                        break;
                }
                t++;
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("jump-after-if-holding-return", "JumpAfterIfHoldingReturn", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_after_an_else_holding_a_return_counts_both_ways(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // k 0 three times: `a` (1), past the return (1), the return (1).
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("t += 2;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("t += 3;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 2), run.Hits("break;"));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_after_a_do_holding_a_goto_counts_the_condition_ways_out(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // k 0 twice: n null ends the loop after three turns (by `++g < 3`), n 2 after one.
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 2), run.Hits("break;", 2));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_after_an_if_holding_a_try_counts_each_way(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // k 0 three times: y 1 (`t += 4`), y 0 (`t += 5`), y -1 (the else).
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("t += 4;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("t += 5;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("break;", 4));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_after_an_if_holding_awaits_counts_each_way(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // k 0 three times: "abc" (`t += 6`), null and "x" (the awaits).
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("t += 6;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 2), run.Hits("t += 7;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("break;", 6));
    }
}
