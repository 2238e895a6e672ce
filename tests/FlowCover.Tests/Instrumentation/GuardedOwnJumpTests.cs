using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>continue;</c> that is the whole statement of an <c>if</c> whose last operand is a value
/// (<c>if (a || b || (t > 4 ? f : c)) continue;</c>): Release keeps the jump's own <c>br</c>, which
/// the last operand's true way falls into, and sends the other operands' true ways straight to the
/// jump's target, past it. Each of those is one more run of the jump. Found by comparing Debug and
/// Release on random programs (Release read 0 where 2 ran: a wrong miss); the counts are Debug's,
/// and follow from the inputs as the comments say.
/// </summary>
public sealed class GuardedOwnJumpTests(GuardedOwnJumpTests.Runs runs) : IClassFixture<GuardedOwnJumpTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Sections("abc", 3, true);
                Sections("abc", 1, true);
                Sections("abc", 1, false);
                Sections("x", 1, false);
                Skips(new[] { 5, -5, 0, 1, 2, 3 }, 4, true);
                Skips(new[] { 1, 7 }, 4, false);
            }

            public static int Sections(string s, int y, bool f)
            {
                var t = 0;
                var c = 0;
                do
                {
                    switch (s)
                    {
                        case "abc":
                            if (y > 2 || s.Length > 5 || (t > 4 ? f : y == 1))
                                continue;
                            break;
                        default:
                            t++;
                            break;
                    }
                    t += 2;
                }
                while (++c < 2);
                return t;
            }

            public static int Skips(int[] xs, int k, bool f)
            {
                var t = 0;
                foreach (var x in xs)
                {
                    if (x > k || x < -k || (t > 4 ? f : x == 0))
                        continue;
                    t += x;
                }
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("guarded-own-jump", "GuardedOwnJump", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_continue_counts_each_operand_that_goes_past_its_own_code(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        // Two rounds per call with "abc": by y > 2 (y = 3), by y == 1 (the two others; t stays 0).
        Assert.Equal(Count(6), run.Hits("continue;"));
        Assert.Equal(Count(0), run.Hits("break;"));
        Assert.Equal(Count(2), run.Hits("t++;"));
        Assert.Equal(Count(2), run.Hits("t += 2;"));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_continue_in_a_foreach_counts_each_operand(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        // 5 and -5 by the bounds, 0 by x == 0 (t is 0), 7 by the bound; 1, 2, 3 and 1 added.
        Assert.Equal(Count(4), run.Hits("continue;", 1));
        Assert.Equal(Count(4), run.Hits("t += x;"));
    }
}
