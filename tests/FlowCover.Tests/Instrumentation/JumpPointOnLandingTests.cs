using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A loop whose body is only <c>if (c) break;</c>, in an iterator, followed by a <c>try</c>:
/// Release lays the loop out with its condition first, drops the <c>break;</c>'s <c>br</c> to
/// the next instruction and leaves the jump's sequence point on that instruction, the state store
/// before the <c>try</c>, which every exit of the loop runs. Read as the jump's line it counted the
/// loop's exits (random programs, seed 34 line 5481: Release 5 where 1 ran; docs/differential.md).
/// A jump's point on code that is not a branch, where other code jumps too, is now no line of the
/// jump's: the <c>if</c>'s outcome places it, with Debug's count, and a run that leaves only by the
/// condition is a miss. A point on a <c>ret</c> that Release copied in place of a jump's <c>br</c>
/// (a <c>break;</c> ending an iterator's <c>finally</c>) is the jump's own and stays.
/// </summary>
public sealed class JumpPointOnLandingTests(JumpPointOnLandingTests.Runs runs) : IClassFixture<JumpPointOnLandingTests.Runs>
{
    private const string Source = """
        using System.Collections.Generic;

        public static class Target
        {
            public static void Run()
            {
                foreach (var (o, x, t) in new (object, int, int)[] { (1, 2, 0), (null, 0, 9), (null, 0, 0), ("a", 5, 5), (1, 0, 0) })
                    foreach (var v in Breaks(o, x, false, true, t)) { }
                foreach (var t in new[] { 0, 3 })
                    foreach (var v in NeverBreaks(null, 0, false, true, t)) { }
                foreach (var s in new[] { "a", "a", "b", null })
                    foreach (var v in FinallySwitch(s, 1)) { }
            }

            public static IEnumerable<int> Breaks(object o, int x, bool f, bool q, int t)
            {
                var g = 0;
                while (o is int k && x > 1 || f && q || t > 4)
                {
                    if (++g > 2)
                        break;
                }
                try
                {
                    yield return t;
                }
                finally
                {
                    t += x;
                }
            }

            public static IEnumerable<int> NeverBreaks(object o, int x, bool f, bool q, int t)
            {
                var g = 0;
                while (o is int k && x > 1 || f && q || t > 4)
                {
                    if (++g > 2)
                        break;
                }
                try
                {
                    yield return t;
                }
                finally
                {
                    t -= x;
                }
            }

            public static IEnumerable<int> FinallySwitch(string s, int t)
            {
                try
                {
                    yield return t;
                }
                finally
                {
                    switch (s)
                    {
                        case "a":
                            t += 1;
                            break;
                        case "b":
                            t += 2;
                            break;
                        default:
                            t += 3;
                            break;
                    }
                }
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("jump-point-on-landing", "JumpPointOnLanding", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_break_counts_its_own_runs_not_the_loop_exits(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // (1, 2, 0) and ("a", 5, 5) and (null, 0, 9) run three turns and break; the other two
        // leave by the condition at once. Five exits, three breaks.
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 5), run.Hits("yield return t;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("break;"));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_that_never_ran_is_a_miss(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 2), run.Hits("yield return t;", 1));
        Assert.Equal(0, run.Hits("break;", 1));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_on_a_copied_ret_keeps_its_own_count(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // "a" twice, "b" once, null once (the default).
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 2), run.Hits("break;", 2));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("break;", 3));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("break;", 4));
    }
}
