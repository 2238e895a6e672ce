using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>break;</c> after <c>if (s?.Length > 1) return t;</c> in a state machine, which Release
/// compiles to nothing: the condition's false way goes straight to the target. The null way
/// pushes false and runs on through the comparison's branch there, so it is not a run of its own:
/// counting both read one run twice. Found by comparing Debug and Release on random programs
/// (Release read 4 where 3 ran: a count too high); the counts are Debug's, and follow from the
/// inputs as the comments say.
/// </summary>
public sealed class GuardedJumpNullWayTests(GuardedJumpNullWayTests.Runs runs) : IClassFixture<GuardedJumpNullWayTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Sections(2, null).GetAwaiter().GetResult();
                Sections(2, "a").GetAwaiter().GetResult();
                Sections(2, "abc").GetAwaiter().GetResult();
                Sections(1, null).GetAwaiter().GetResult();
            }

            public static async System.Threading.Tasks.Task<int> Sections(int y, string s)
            {
                var t = 0;
                switch (y)
                {
                    case 1:
                        t++;
                        break;
                    default:
                        await System.Threading.Tasks.Task.Yield();
                        t += 2;
                        if (s?.Length > 1)
                            return t;
                        break;
                }
                return t + 10;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("guarded-jump-null-way", "GuardedJumpNullWay", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_break_counts_the_null_way_once(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal(Count(3), run.Hits("t += 2;"));
        Assert.Equal(Count(1), run.Hits("return t;"));  // "abc"
        Assert.Equal(Count(2), run.Hits("break;", 1)); // null, and "a"
        Assert.Equal(Count(3), run.Hits("return t + 10;"));
    }
}
