using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// Two jumps written the same where an <c>if</c> without <c>else</c> takes one or goes on to the
/// other (<c>if (n is null) return t; return t;</c>, <c>if (x > 1) break; break;</c>): Release
/// keeps one copy of their code, which runs for both under the point of one of them. No
/// instruction tells which ran, so Release leaves that line out (docs/annotations.md) instead of
/// giving it both counts; Debug, which keeps both, counts each. Found by the Debug against
/// Release check on random programs (docs/differential.md).
/// </summary>
public sealed class SameJumpTwinsTests(SameJumpTwinsTests.Runs runs) : IClassFixture<SameJumpTwinsTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Twice(1, null);
                Twice(2, 3);
                Twice(3, 4);
                Nested(-1, true);
                Nested(1, true);
                Nested(1, false);
                Breaks(2);
                Breaks(0);
                Operands(true, 2);
                Operands(true, 1);
                Operands(false, 2);
                Through(1, null);
                Through(1, 3);
                Through(2, 3);
            }

            public static int Twice(int t, int? n)
            {
                t++;
                if (n is null)
                    return t;
                return t;
            }

            public static int Nested(int x, bool f)
            {
                var t = x * 2;
                if (f)
                {
                    t++;
                    if (x < 0)
                        return t;
                }
                else
                {
                    t--;
                }
                return t;
            }

            public static int Breaks(int x)
            {
                var t = 0;
                do
                {
                    switch (x & 3)
                    {
                        case 0:
                        case 2:
                            t++;
                            if (x > 1)
                                break;
                            break;
                    }
                    t += 10;
                }
                while (t < 0);
                return t;
            }

            public static int Operands(bool f, int x)
            {
                var t = x + 1;
                if (f && x > 0 && (x & 1) == 0)
                    return t;
                return t;
            }

            public static int Through(int x, int? n)
            {
                var t = x;
                switch (x)
                {
                    case 1:
                        t++;
                        if (n is null)
                            return t;
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
    public sealed class Runs() : SnippetRunsByBuild("same-jump-twins", "SameJumpTwins", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void Twin_jumps_count_each_in_Debug_and_are_left_out_where_Release_keeps_one_copy(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("if (n is null)"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 2), run.Hits("if (x < 0)"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 2), run.Hits("if (x > 1)"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("t--;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("if (f && x > 0 && (x & 1) == 0)"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("t--;", 1));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 2), run.Hits("return t;", 4));
        // Debug's counts; Release has one copy of each pair, the test dropped: no line.
        (string Text, int Occurrence, long Debug)[] twins =
        [
            ("return t;", 0, 1), ("return t;", 1, 2), // Twice: (1, null); (2, 3) and (3, 4).
            ("return t;", 2, 1), ("return t;", 3, 2), // Nested: (-1, true); (1, true) and (1, false).
            ("break;", 0, 1), ("break;", 1, 1),       // Breaks: 2; 0.
            ("return t;", 5, 1), ("return t;", 6, 2), // Operands: (true, 2); the others.
            ("return t;", 7, 1), ("return t;", 8, 2), // Through: (1, null); (1, 3) and (2, 3), by the break and the default.
        ];
        foreach (var (text, occurrence, debug) in twins)
            Assert.Equal(build == OptimizationLevel.Debug ? SnippetRunsByBuild.Expected(mode, debug) : null, run.HitsOrNone(text, occurrence));
    }
}
