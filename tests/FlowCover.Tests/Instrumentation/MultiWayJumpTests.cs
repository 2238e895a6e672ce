using FlowCover.Data;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A jump Release compiles to nothing where the statement before it reaches the jump's target by
/// several ways of its own (<c>if (a) { ... } else if (b) { ... } else { return ...; } break;</c>:
/// each block's <c>br</c>; <c>if (c) { n++; } break;</c>: the condition's branch and the
/// fall-through; an eager <c>!canOpen | canClose</c>'s one branch) is counted on each of those ways: exactly as often as the jump ran, while the
/// switch's own way past it (no case matched) is not counted. A <c>break;</c> that keeps its own
/// <c>br</c> after <c>if (c) { n++; }</c> in a switch section also ran when the condition's branch
/// went past it.
/// </summary>
public sealed class MultiWayJumpTests
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Kind(0, true, false);
                Kind(0, false, true);
                Kind(0, false, true);
                Kind(0, true, true);
                Kind(1, false, false);
                Kind(2, true, false);
                Kind(9, true, false);
                Single('1', "7");
                Single('x', "7");
                Angle(true, false);
                Angle(false, false);
                Angle(true, false);
            }

            public static int Kind(int type, bool open, bool close)
            {
                var result = 0;
                switch (type)
                {
                    case 0:
                        if (open && !close)
                        {
                            result = 1;
                        }
                        else if (!open && close)
                        {
                            result = 2;
                        }
                        else
                        {
                            return -1;
                        }
                        break;
                    case 1:
                        result = 5;
                        if (open)
                        {
                            result++;
                        }
                        break;
                    case 2:
                        if (close)
                        {
                            result = 7;
                        }
                        break;
                }
                return result * 3;
            }

            public static int Single(char bullet, string start)
            {
                var index = 0;
                switch (bullet)
                {
                    case '1':
                        int.TryParse(start, out index);
                        break;
                }
                return index;
            }

            public static int Angle(bool canOpen, bool canClose)
            {
                var post = 0;
                switch (post)
                {
                    case 0:
                        post = 1;
                        if (!canOpen || canClose)
                        {
                            return -1;
                        }
                        break;
                }
                return post;
            }
        }
        """;

    [Theory]
    [InlineData(CoverageMode.Count, false)]
    [InlineData(CoverageMode.Count, true)]
    [InlineData(CoverageMode.Set, true)]
    public void A_dropped_jump_reached_by_several_ways_counts_each_of_them(CoverageMode mode, bool contexts)
    {
        var snippet = SnippetRun.Run($"multi-way-{mode}-{contexts}", "Jumps", Source, mode, contexts);
        long Hits(string statement, int occurrence = 0) => snippet.Hits(statement, occurrence);

        long Count(long n) => mode == CoverageMode.Set ? Math.Min(n, 1) : n; // Set mode: ran or not.
        Assert.Equal(Count(3), Hits("break;"));           // case 0: once by `result = 1;`, twice by `result = 2;`; not the `return -1;`
        Assert.Equal(Count(1), Hits("break;", 1));        // case 1: only by `if (open)`'s false branch, which goes past the break's own `br`
        Assert.Equal(Count(1), Hits("break;", 2));        // case 2: `if (close)` false once, its branch straight past the switch; type 9 goes there too, not counted
        Assert.Equal(Count(1), Hits("break;", 3));        // Single: '1' only
        Assert.Equal(Count(6), Hits("return result * 3;"));
        Assert.Equal(Count(2), Hits("return index;"));
        Assert.Equal(Count(2), Hits("break;", 4));        // Angle: `!canOpen | canClose` is evaluated eagerly, one branch past the switch, taken twice
        Assert.Equal(Count(2), Hits("return post;"));
    }
}
