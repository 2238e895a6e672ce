using FlowCover.Data;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// Release replaces a <c>br</c> to a block that is only a <c>ret</c> by that <c>ret</c>: a
/// <c>return</c> whose whole code is its <c>ret</c> (<c>return ok;</c> after <c>var ok = a &amp;&amp; b;</c>,
/// whose local is gone; <c>return;</c> in a <c>void</c> method) gets a copy at the end of the
/// statement before it. The <c>return</c> line counts every run of either copy: exactly, in count
/// mode.
/// </summary>
public sealed class CopiedReturnTests
{
    private const string Source = """
        public static class Target
        {
            private static int calls;

            public static void Run()
            {
                Both(1, 2);
                Both(1, -1);
                Both(-1, 2);
                Notify(true);
                Notify(true);
                Route(1);
                Route(3);
                Route(3);
            }

            private static bool Pos(int v) => v > 0;

            private static void Up() => calls++;

            private static void Down() => calls--;

            public static bool Both(int a, int b)
            {
                var ok = Pos(a) && Pos(b);
                return ok;
            }

            public static void Notify(bool c)
            {
                if (c) { Up(); } else { Down(); }
                return;
            }

            public static void Route(int x)
            {
                switch (x)
                {
                    case 1:
                        Up();
                        break;
                    case 2:
                        Down();
                        break;
                }
                return;
            }
        }
        """;

    [Theory]
    [InlineData(CoverageMode.Count)]
    [InlineData(CoverageMode.Set)]
    public void A_return_counts_each_run_of_its_copies(CoverageMode mode)
    {
        var snippet = SnippetRun.Run($"copied-return-{mode}", "Returns", Source, mode);
        long Hits(string statement, int occurrence = 0) => snippet.Hits(statement, occurrence);

        long Count(long n) => mode == CoverageMode.Set ? Math.Min(n, 1) : n; // Set mode: ran or not.
        Assert.Equal(Count(3), Hits("var ok = Pos(a) && Pos(b);"));
        Assert.Equal(Count(3), Hits("return ok;"));        // twice through the copy after Pos(b), once Pos(a) false
        Assert.Equal(Count(2), Hits("return;"));           // only ever through the copy after Up()
        Assert.Equal(Count(1), Hits("break;"));            // the first section's, Route(1)
        Assert.Equal(0, Hits("break;", 1));
        Assert.Equal(Count(3), Hits("return;", 1));        // only ever through copies: the first break's, and twice where no case matches
    }
}
