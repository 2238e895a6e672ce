using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>switch</c> on a parameter or local of an async method (or an iterator): the value is a
/// field of the state machine, so Release's dispatch, with only a hidden point, starts with
/// <c>ldarg.0; ldfld x</c>. Its header is a line as in Debug, and a <c>switch</c> right after
/// another (whose sections' ways all end where the second's dispatch starts) takes its own
/// ways: without it, Release had no line for the second header nor for the first's last
/// <c>break;</c>, and gave the first switch a second "no case matched" counting those ways.
/// Found by comparing Debug and Release on random programs; the counts are Debug's.
/// </summary>
public sealed class StateMachineSwitchHeaderTests(StateMachineSwitchHeaderTests.Runs runs) : IClassFixture<StateMachineSwitchHeaderTests.Runs>
{
    private const string Source = """
        using System.Threading.Tasks;
        public static class Target
        {
            public static void Run()
            {
                Twice(0, 1, true).Wait();
                Twice(2, 1, false).Wait();
                Twice(5, 2, true).Wait();
                Nested(0, 0, "abc").Wait();
                Nested(1, 20, "x").Wait();
                Nested(0, 7, "abc").Wait();
                Nested(2, 0, null).Wait();
            }

            public static async Task<int> Twice(int x, int y, bool f)
            {
                await Task.Yield();
                var t = 0;
                switch (y)
                {
                    case 1:
                        t++;
                        if (f)
                            t += 5;
                        break;
                }
                switch (x)
                {
                    case 0:
                        t += 3;
                        break;
                }
                return t;
            }

            public static async Task<int> Nested(int x, int y, string s)
            {
                await Task.Yield();
                var t = 0;
                switch (y)
                {
                    case 0:
                    case 20:
                        switch (x)
                        {
                            case 0:
                                t += 3;
                                break;
                            default:
                                t += 4;
                                break;
                        }
                        break;
                    case 7:
                        t--;
                        break;
                }
                switch (s)
                {
                    case "abc":
                        t += 10;
                        break;
                }
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("state-machine-switch-header", "StateMachineSwitchHeader", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void Both_headers_and_the_last_break_are_lines_with_their_own_outcomes(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal(Count(3), run.Hits("switch (y)"));
        Assert.Equal([$"case 1={Count(2)}", $"no case matched={Count(1)}"], run.Outcomes("switch (y)"));
        Assert.Equal(Count(2), run.Hits("break;"));
        Assert.Equal(Count(3), run.Hits("switch (x)"));
        Assert.Equal([$"case 0={Count(1)}", $"no case matched={Count(2)}"], run.Outcomes("switch (x)"));
        Assert.Equal(Count(3), run.Hits("return t;"));
    }

    /// <summary>A switch first in an outer one's section: the outer dispatch falls straight into
    /// the inner's, each under its own hidden point. And a switch on a string, whose dispatch
    /// compares with the labels (<c>ldstr; call string::op_Equality</c>).</summary>
    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_switch_first_in_a_section_and_a_switch_on_a_string_are_lines(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal(Count(4), run.Hits("switch (y)", 1));
        Assert.Equal([$"case 0={Count(2)}", $"case 20={Count(1)}", $"case 7={Count(1)}", $"no case matched={Count(0)}"], run.Outcomes("switch (y)", 1));
        Assert.Equal(Count(3), run.Hits("switch (x)", 1));
        Assert.Equal([$"case 0={Count(1)}", $"default={Count(2)}"], run.Outcomes("switch (x)", 1));
        Assert.Equal(Count(4), run.Hits("switch (s)"));
        Assert.Equal([$"case \"abc\"={Count(2)}", $"no case matched={Count(2)}"], run.Outcomes("switch (s)"));
        Assert.Equal(Count(4), run.Hits("return t;", 1));
    }
}
