using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>switch</c> whose first section opens with a <c>foreach</c> (or a <c>for</c> with an
/// initializer): Release's dispatch has a hidden point only and falls into the reading of the
/// collection (the initializer), where the loop's first point is, not on its keyword. The header's
/// point must be found there. Without it the dispatch's outcomes fell to the line before: a
/// <c>switch (y)</c> there read "no case matched" twice, once with the other switch's count
/// (random seed 6, line 437: 1 and 5 where 4 ran). The counts are Debug's, worked out from the inputs.
/// </summary>
public sealed class SwitchOpeningLoopHeaderTests(SwitchOpeningLoopHeaderTests.Runs runs) : IClassFixture<SwitchOpeningLoopHeaderTests.Runs>
{
    private const string Source = """
        using System.Threading.Tasks;

        public static class Target
        {
            public static void Run()
            {
                Plain(0, 1, [1, 2]);
                Plain(3, 0, []);
                Plain(0, 0, [5]);
                Plain(2, 1, []);
                Awaiting(0, 1, [1, 2]).Wait();
                Awaiting(3, 0, []).Wait();
                Awaiting(0, 0, [5]).Wait();
                Awaiting(2, 1, []).Wait();
                Counting(3, 1);
                Counting(3, 0);
                Counting(2, 1);
            }

            public static int Plain(int x, int y, int[] arr)
            {
                var t = 0;
                switch (y)
                {
                    case 1:
                        t++;
                        break;
                }
                switch (x)
                {
                    case 0:
                        foreach (var e in arr)
                            t += e;
                        break;
                }
                return t;
            }

            public static async Task<int> Awaiting(int x, int y, int[] arr)
            {
                await Task.Yield();
                var t = 0;
                switch (y)
                {
                    case 1:
                        t++;
                        break;
                }
                switch (x)
                {
                    case 0:
                        foreach (var e in arr)
                            t += e;
                        break;
                }
                return t;
            }

            public static int Counting(int x, int y)
            {
                var t = 0;
                switch (y)
                {
                    case 1:
                        t++;
                        break;
                }
                switch (x)
                {
                    case 3:
                        for (var i = 0; i < x; i++)
                            t += i;
                        break;
                }
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("switch-opening-loop", "SwitchOpeningLoop", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_header_of_a_switch_opening_with_a_foreach_keeps_its_outcomes(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        string Outcome(string label, long n) => $"{label}={SnippetRunsByBuild.Expected(mode, n)}";
        for (var method = 0; method < 2; method++)
        {
            Assert.Equal([Outcome("case 1", 2), Outcome("no case matched", 2)], run.Outcomes("switch (y)", method));
            Assert.Equal([Outcome("case 0", 2), Outcome("no case matched", 2)], run.Outcomes("switch (x)", method));
            Assert.Equal(SnippetRunsByBuild.Expected(mode, 4), run.Hits("switch (x)", method));
        }
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_header_of_a_switch_opening_with_a_for_keeps_its_outcomes(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        string Outcome(string label, long n) => $"{label}={SnippetRunsByBuild.Expected(mode, n)}";
        Assert.Equal([Outcome("case 1", 2), Outcome("no case matched", 1)], run.Outcomes("switch (y)", 2));
        Assert.Equal([Outcome("case 3", 2), Outcome("no case matched", 1)], run.Outcomes("switch (x)", 2));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("switch (x)", 2));
    }
}
