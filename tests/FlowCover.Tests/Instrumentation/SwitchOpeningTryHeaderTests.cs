using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>switch</c> whose first section opens with a <c>try</c>: Release's dispatch has a hidden
/// point only and falls into the <c>try</c>'s block (in an iterator, past a hidden store of the
/// state entering a <c>try</c> with a <c>finally</c>), so the header's point must be found past
/// the <c>try</c>. Without it the dispatch's outcomes fell to the line before: a <c>switch</c>
/// there read "no case matched" three times, 6 on a line that ran 0 times. Found by comparing
/// Debug and Release on random programs; the counts are Debug's.
/// </summary>
public sealed class SwitchOpeningTryHeaderTests(SwitchOpeningTryHeaderTests.Runs runs) : IClassFixture<SwitchOpeningTryHeaderTests.Runs>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Linq;

        public static class Target
        {
            public static int Seen;

            public static void Run()
            {
                Items(20, 1, true).ToList();
                Items(3, 0, false).ToList();
                Items(3, 1, false).ToList();
                Plain(20, 0);
                Plain(4, 0);
                Plain(4, 2);
                Awaiting("abc").Wait();
                Awaiting("a").Wait();
                Awaiting("z").Wait();
            }

            public static async System.Threading.Tasks.Task<int> Awaiting(string s)
            {
                var t = 0;
                switch (s)
                {
                    case "abc":
                        try
                        {
                            await System.Threading.Tasks.Task.Yield();
                            t++;
                        }
                        finally
                        {
                            t--;
                        }
                        break;
                    case "a":
                        t += 2;
                        break;
                }
                return t;
            }

            public static IEnumerable<int> Items(int x, int y, bool f)
            {
                if (f)
                {
                    Seen++;
                }
                else
                {
                    switch (y)
                    {
                        case 0:
                            Seen--;
                            break;
                    }
                }
                switch (x)
                {
                    case 20:
                        try
                        {
                            Seen += 2;
                            yield return x;
                        }
                        finally
                        {
                            Seen -= 2;
                        }
                        break;
                    default:
                        Seen += 3;
                        break;
                }
            }

            public static int Plain(int x, int y)
            {
                var t = 0;
                switch (y)
                {
                    case 0:
                        t--;
                        break;
                }
                switch (x)
                {
                    case 20:
                        try
                        {
                            t += 100 / (y + 1);
                        }
                        catch (System.DivideByZeroException)
                        {
                            t = -1;
                        }
                        break;
                    default:
                        t += 3;
                        break;
                }
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("switch-opening-try", "SwitchOpeningTry", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_header_of_a_switch_opening_with_a_try_keeps_its_outcomes(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        string Outcome(string label, long n) => $"{label}={SnippetRunsByBuild.Expected(mode, n)}";
        Assert.Equal([Outcome("case 0", 1), Outcome("no case matched", 1)], run.Outcomes("switch (y)"));
        Assert.Equal([Outcome("case 20", 1), Outcome("default", 2)], run.Outcomes("switch (x)"));
        Assert.Equal([Outcome("case 0", 2), Outcome("no case matched", 1)], run.Outcomes("switch (y)", 1));
        Assert.Equal([Outcome("case 20", 1), Outcome("default", 2)], run.Outcomes("switch (x)", 1));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("switch (x)"));
    }

    /// <summary>In an async method the hidden code before a <c>try</c> holding an <c>await</c> is
    /// the state machine's dispatch on its state, where it resumes: no switch header. Taken for
    /// one, it gave the header the count of the <c>try</c>'s resumptions (0 where 2 ran).</summary>
    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_switch_opening_with_a_try_that_awaits_counts_its_runs(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("switch (s)"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("t++;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("return t;", 1));
    }
}
