using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// In an async method, a <c>switch</c> on a local whose first section opens with a <c>try</c>
/// whose <c>catch</c> or <c>finally</c> awaits: Release's dispatch has a hidden point only, and
/// between it and the <c>try</c>'s block a second hidden point clears what the moved handler needs
/// (the kind of catch taken, the exception, the way out of the <c>finally</c>). The header got no
/// point, so the walk of an earlier switch's dispatch, whose mismatches fall into this one, took
/// both as one: the earlier switch, which never ran, read <c>no case matched</c> twice with this
/// switch's counts (seed 64 of the random programs, line 3068), and this switch had no line.
/// Counts by hand from the calls in <c>Run</c>.
/// </summary>
public sealed class SwitchOpeningAwaitingTryHeaderTests(SwitchOpeningAwaitingTryHeaderTests.Runs runs) : IClassFixture<SwitchOpeningAwaitingTryHeaderTests.Runs>
{
    private const string Source = """
        using System;
        using System.Threading.Tasks;

        public static class Target
        {
            public static void Run()
            {
                foreach (var (x, y, f) in new[] { (1, 0, false), (0, 0, false), (1, 5, false), (2, 5, false), (3, 5, true) })
                {
                    try { Caught(x, y, f).GetAwaiter().GetResult(); } catch (Exception) { }
                    try { Finally(x, y, f).GetAwaiter().GetResult(); } catch (Exception) { }
                    try { Resuming(x, y).GetAwaiter().GetResult(); } catch (Exception) { }
                }
            }

            public static async Task<int> Caught(int x, int y, bool f)
            {
                var t = 0;
                if (f)
                {
                    switch (y)
                    {
                        case 0:
                            t += x;
                            break;
                    }
                }
                switch (y)
                {
                    case 0:
                        try
                        {
                            t += 10 / x;
                        }
                        catch (DivideByZeroException)
                        {
                            await Task.Yield();
                            t += 1;
                        }
                        break;
                    default:
                        t += 2;
                        break;
                }
                return t;
            }

            public static async Task<int> Finally(int x, int y, bool f)
            {
                var t = 0;
                if (f)
                {
                    switch (y)
                    {
                        case 0:
                            t += x;
                            break;
                    }
                }
                switch (y)
                {
                    case 0:
                        try
                        {
                            t += 10 / x;
                        }
                        finally
                        {
                            await Task.Yield();
                            t += 1;
                        }
                        break;
                    default:
                        t += 2;
                        break;
                }
                return t;
            }

            public static async Task<int> Resuming(int x, int y)
            {
                var t = x;
                if (t > 2)
                    t += 5;
                switch (y)
                {
                    case 0:
                        try
                        {
                            await Task.Yield();
                            t += 10 / x;
                        }
                        finally
                        {
                            await Task.Yield();
                        }
                        break;
                }
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("switch-opening-awaiting-try", "SwitchOpeningAwaitingTry", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void Each_switch_keeps_its_own_header_and_outcomes(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        string Outcome(string label, long n) => $"{label}={SnippetRunsByBuild.Expected(mode, n)}";
        // Caught, then Finally: the first switch ran once (y 5), the second five times.
        for (var method = 0; method < 2; method++)
        {
            Assert.Equal([Outcome("case 0", 0), Outcome("no case matched", 1)], run.Outcomes("switch (y)", 2 * method));
            Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("switch (y)", 2 * method));
            Assert.Equal([Outcome("case 0", 2), Outcome("default", 3)], run.Outcomes("switch (y)", 2 * method + 1));
            Assert.Equal(SnippetRunsByBuild.Expected(mode, 5), run.Hits("switch (y)", 2 * method + 1));
        }
    }

    /// <summary>A <c>try</c> that awaits adds hidden points of its own before its first statement:
    /// the <c>nop</c> a resumption from the method's top lands on, then, as the <c>try</c> starts,
    /// the test of the state where it resumes (seed 63, line 90). The header had no point, and its
    /// dispatch's outcomes went to the statement before (<c>t += 5;</c> read <c>the jump to ...</c>).</summary>
    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_switch_opening_with_a_try_that_resumes_keeps_its_header(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        string Outcome(string label, long n) => $"{label}={SnippetRunsByBuild.Expected(mode, n)}";
        Assert.Equal([Outcome("case 0", 2), Outcome("no case matched", 3)], run.Outcomes("switch (y)", 4));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 5), run.Hits("switch (y)", 4));
        Assert.Empty(run.Outcomes("t += 5;"));
    }
}
