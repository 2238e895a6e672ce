using FlowCover.Data;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A jump Release compiles to no instruction (<c>goto case 2;</c> just above <c>case 2:</c>, a
/// <c>default:</c> section's last <c>break;</c>, a loop body's last <c>continue;</c>, also at the end
/// of an <c>if</c>'s block after other statements) is counted
/// by a probe on the fall-through edge from the statement before it into its target: exactly
/// as often as that edge is taken, in count mode and through the thread's block with contexts,
/// while the jumps into the same target (the switch's own entry to <c>case 2</c>) skip it.
/// </summary>
public sealed class FallThroughJumpTests
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Dispatch(1);
                Dispatch(1);
                Dispatch(2);
                Dispatch(3);
                Skip(5);
                Open(new[] { 1, 2, -1, 5 });
            }

            public static int Dispatch(int n)
            {
                switch (n)
                {
                    case 1:
                        n += 10;
                        goto case 2;
                    case 2:
                        n *= 2;
                        break;
                    default:
                        n = -1;
                        break;
                }
                return n;
            }

            public static int Skip(int limit)
            {
                var sum = 0;
                var i = 0;
                while (i < limit)
                {
                    i++;
                    if (i == 2)
                        break;
                    sum += i;
                    continue;
                }
                return sum;
            }

            public static int Open(int[] items)
            {
                var i = 0;
                var opened = 0;
                while (i < items.Length)
                {
                    var item = items[i++];
                    if (item > 0)
                    {
                        opened++;
                        continue;
                    }
                    break;
                }
                return opened;
            }
        }
        """;

    [Theory]
    [InlineData(CoverageMode.Count, false)]
    [InlineData(CoverageMode.Count, true)]
    [InlineData(CoverageMode.Set, true)]
    public void A_dropped_jump_counts_the_fall_through_into_its_target(CoverageMode mode, bool contexts)
    {
        var snippet = SnippetRun.Run($"fall-through-{mode}-{contexts}", "Jumps", Source, mode, contexts);
        long Hits(string statement, int occurrence = 0) => snippet.Hits(statement, occurrence);

        long Count(long n) => mode == CoverageMode.Set ? Math.Min(n, 1) : n; // Set mode: ran or not.
        Assert.Equal(Count(2), Hits("goto case 2;"));     // Dispatch(1) twice
        Assert.Equal(Count(3), Hits("n *= 2;"));          // twice through the goto, once by the switch
        Assert.Equal(Count(1), Hits("break;", 1));        // the default's, Dispatch(3)
        Assert.Equal(Count(1), Hits("continue;"));        // i == 1 only: i == 2 breaks
        Assert.Equal(Count(2), Hits("continue;", 1));     // after `opened++;` in its `if`'s block: items 1 and 2, then -1 breaks
        Assert.Equal(Count(4), Hits("return n;"));
    }
}
