using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>break;</c> right after an <c>if</c>, in a <c>switch</c> in an iterator's <c>finally</c>:
/// Release compiles the <c>finally</c> to a method of its own, gives the <c>break;</c> a
/// <c>ret</c> of its own, and sends the <c>if</c>'s false ways to the method's last <c>ret</c>,
/// past it: each is one more run of the <c>break;</c>. Found by comparing Debug and Release on
/// random programs (Release 0 where 1 ran: a wrong miss). The counts are Debug's.
/// </summary>
public sealed class JumpAfterIfInFinallyTests(JumpAfterIfInFinallyTests.Runs runs) : IClassFixture<JumpAfterIfInFinallyTests.Runs>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Linq;

        public static class Target
        {
            public static int Seen;

            public static void Run()
            {
                Items(1, 3, true).ToList();
                Items(1, 1, true).ToList();
                Items(1, 5, false).ToList();
                Items(2, 0, false).ToList();
            }

            public static IEnumerable<int> Items(int x, int n, bool f)
            {
                try
                {
                    yield return x;
                }
                finally
                {
                    switch (x)
                    {
                        case 1:
                            if (n > 2 && f)
                            {
                                Seen += n;
                                Seen--;
                            }
                            break;
                        default:
                            Seen++;
                            break;
                    }
                }
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("jump-after-if-in-finally", "JumpAfterIfInFinally", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_break_counts_the_ifs_ways_sent_to_the_finallys_end(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal(Count(1), run.Hits("Seen--;"));
        Assert.Equal(Count(3), run.Hits("break;"));     // n > 2 && f: true once, false twice (n = 1; f false)
        Assert.Equal(Count(1), run.Hits("Seen++;"));
    }
}
