using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// Two shapes of a jump that is one way of an <c>if</c>, which Release compiles to nothing (the
/// condition's branch goes straight to the jump's target), that the rule for such jumps did not
/// see: the jump's target is a <c>try</c>, which has no code of its own (control goes on to its
/// block's first statement), and the jump follows <c>if (c) yield break;</c>, whose way in never
/// completes. Found by comparing Debug and Release on random programs: Release left both
/// <c>break;</c>s out. The counts are Debug's.
/// </summary>
public sealed class GuardedJumpTargetTests(GuardedJumpTargetTests.Runs runs) : IClassFixture<GuardedJumpTargetTests.Runs>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Linq;

        public static class Target
        {
            public static void Run()
            {
                Calm(0, 7);
                Calm(0, 0);
                Calm(1, 3);
                Sections(1, 5).ToList();
                Sections(1, 0).ToList();
                Sections(0, 0).ToList();
                Operands(true, true, 2).ToList();
                Operands(true, false, 2).ToList();
                Operands(false, true, 3).ToList();
                Operands(true, true, 3).ToList();
            }

            public static int Calm(int x, int t)
            {
                var g = 0;
                while ((x & 1) == 0)
                {
                    x += 3;
                    if (++g > t)
                        break;
                    t--;
                }
                try
                {
                    t += 100 / x;
                }
                catch (System.DivideByZeroException)
                {
                    t = -1;
                }
                return t;
            }

            public static IEnumerable<int> Sections(int x, int y)
            {
                switch (x)
                {
                    case 1:
                        yield return y;
                        if (y < 2)
                            yield break;
                        break;
                    default:
                        y++;
                        break;
                }
                yield return y + 1;
            }

            public static IEnumerable<int> Operands(bool f, bool q, int x)
            {
                switch (x)
                {
                    case 7:
                        yield return 1;
                        break;
                    default:
                        if (f && q && (x & 1) == 0)
                            yield break;
                        break;
                }
                yield return x;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("guarded-jump-target", "GuardedJumpTarget", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_onto_a_try_counts_the_condition_that_takes_it(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal(Count(2), run.Hits("x += 3;"));
        Assert.Equal(Count(1), run.Hits("break;"));     // Calm(0, 0); Calm(0, 7) leaves by the loop's condition
        Assert.Equal(Count(3), run.Hits("t += 100 / x;"));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_after_if_yield_break_counts_the_conditions_other_way(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal(Count(1), run.Hits("yield break;"));
        Assert.Equal(Count(1), run.Hits("break;", 1));
        Assert.Equal(Count(2), run.Hits("yield return y + 1;"));
    }

    /// <summary>The same with operands the state machine keeps in fields, each read by a value
    /// probe whose branch to the target is no outcome: Release's outcomes alone would count the
    /// <c>break;</c> short (0 where 3 ran), so it is left out there, where the IL cannot tell.</summary>
    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_after_a_condition_of_value_probed_operands_is_never_counted_short(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("yield break;", 1));
        Assert.Equal(build == OptimizationLevel.Debug ? SnippetRunsByBuild.Expected(mode, 3) : null, run.HitsOrNone("break;", 4));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("yield return x;"));
    }
}
