using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>break;</c> that ends a <c>switch</c>'s last section, which Release compiles to nothing,
/// when the code after the <c>switch</c> is a <c>foreach</c>: the section falls into the reading
/// of the collection, where Release has its point (none on the <c>foreach</c> keyword). Found by
/// comparing Debug and Release on random programs: Release left the <c>break;</c> out. The
/// counts are Debug's.
/// </summary>
public sealed class JumpOntoForEachTests(JumpOntoForEachTests.Runs runs) : IClassFixture<JumpOntoForEachTests.Runs>
{
    private const string Source = """
        using System.Collections.Generic;

        public static class Target
        {
            public static void Run()
            {
                Array(1, [1]);
                Array(2, [2, 3]);
                Array(3, []);
                Listed(1, [4]);
                Listed(5, []);
            }

            public static int Array(int x, int[] items)
            {
                var t = 0;
                switch (x)
                {
                    case 1:
                        t += 2;
                        break;
                    default:
                        t += x;
                        break;
                }
                foreach (var e in items)
                    t += e;
                return t;
            }

            public static int Listed(int x, List<int> items)
            {
                var t = 0;
                switch (x)
                {
                    case 1:
                        t += 2;
                        break;
                    default:
                        t -= x;
                        break;
                }
                foreach (var e in items)
                    t -= e;
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("jump-onto-foreach", "JumpOntoForEach", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_last_sections_break_onto_a_foreach_counts_its_section(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal(Count(1), run.Hits("break;"));
        Assert.Equal(Count(2), run.Hits("break;", 1));
        Assert.Equal(Count(3), run.Hits("t += e;"));
        Assert.Equal(Count(1), run.Hits("break;", 2));
        Assert.Equal(Count(1), run.Hits("break;", 3));
        Assert.Equal(Count(1), run.Hits("t -= e;"));
    }
}
