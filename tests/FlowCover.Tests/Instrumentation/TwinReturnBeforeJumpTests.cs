using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A jump Release compiles to nothing after an <c>if</c> whose block ends with a <c>return</c>
/// written as the jump's target is (<c>if (...) { t += x; if (c) return t; } break;</c> with
/// <c>return t;</c> after the switch; random seed 30, line 4551). Release compiles the two
/// returns to one copy inside the block: when <c>c</c> is false the block's end runs that copy,
/// not the target, so the <c>if</c>'s edges to the target are only some of the jump's runs. It
/// read 1 where 3 ran; the jump is now left out in Release (there is no edge that counts it).
/// </summary>
public sealed class TwinReturnBeforeJumpTests(TwinReturnBeforeJumpTests.Runs runs) : IClassFixture<TwinReturnBeforeJumpTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Pick(1, 0, 5, "a");
                Pick(1, 1, 5, "a");
                Pick(1, 3, 5, "a");
                Pick(1, 1, 2, "b");
                Pick(0, 1, 2, "b");
            }

            public static int Pick(int k, int x, int t, string s)
            {
                switch (k)
                {
                    case 0:
                        t++;
                        break;
                    default:
                        if (t > 4 && s == "a")
                        {
                            t += x;
                            if ((x & 1) == 0)
                                return t;
                        }
                        break;
                }
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("twin-return-before-jump", "TwinReturnBeforeJump", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_jump_is_counted_exactly_or_left_out(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal(Count(3), run.Hits("t += x;"));
        var jump = run.HitsOrNone("break;", 1);
        if (build == OptimizationLevel.Debug)
            Assert.Equal(Count(3), jump);
        else
            Assert.True(jump is null || jump == Count(3), $"Release counts the break {jump} where it ran 3 times");
    }
}
