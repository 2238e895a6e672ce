using FlowCover.Data;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A jump Release compiles to nothing after a statement that holds jumps of its own bound
/// elsewhere (<c>{ n++; continue; }</c> inside the <c>if</c> before a loop's last <c>break;</c>,
/// <c>goto ReturnValid;</c> inside the <c>if</c> before <c>break;</c>, <c>goto MoveToNewLine;</c>
/// in the <c>if</c> chain before <c>goto Return;</c>: Markdig BlockProcessor.cs:841,
/// LinkHelper.cs:1554, StringLineGroup.cs:430): each inner jump goes to a place of its own, so the
/// statement's ways to the outer jump's target are the outer jump running, counted once each.
/// </summary>
public sealed class InnerJumpBeforeJumpTests
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                new Cursor(new[] { 7, -7, 0 }).Open();
                new Cursor(new[] { 1 }).Open();
                new Cursor(new[] { -1 }).Open();
                Label("ab]");
                Label("  ]");
                Label("x]");
                Next(1, 0);
                Next(3, 0);
                Next(2, 1);
            }

            private sealed class Cursor
            {
                private readonly int[] _values;
                private int _index;

                public Cursor(int[] values) => _values = values;

                private bool More => _index < _values.Length;

                public void Open()
                {
                    while (More)
                    {
                        var x = _values[_index++];
                        if (x > 0)
                        {
                            if (x > 5)
                            {
                                _index += 0;
                                continue;
                            }
                        }
                        if (x < 0 && More)
                        {
                            if (x < -5)
                            {
                                _index += 0;
                                continue;
                            }
                        }
                        break;
                    }
                }
            }

            private static bool Label(string s)
            {
                var i = 0;
                var length = 0;
                while (true)
                {
                    var c = i < s.Length ? s[i++] : '\0';
                    if (c == ']')
                    {
                        if (length > 0)
                        {
                            if (length <= 1)
                            {
                                length++;
                                goto ReturnValid;
                            }
                        }
                        break;
                    }
                    if (c != ' ')
                        length++;
                }
                return false;
            ReturnValid:
                return length > 0;
            }

            private static int Next(int newLine, int offset)
            {
                var current = 'a';
                if (offset == 0)
                {
                    if (newLine == 1)
                    {
                        current = '\n';
                        goto MoveToNewLine;
                    }
                }
                goto Return;
            MoveToNewLine:
                offset++;
            Return:
                return current + offset;
            }
        }
        """;

    [Theory]
    [InlineData(CoverageMode.Count)]
    [InlineData(CoverageMode.Set)]
    public void The_outer_jump_counts_the_ways_that_complete_into_it_and_not_the_inner_jumps(CoverageMode mode)
    {
        var snippet = SnippetRun.Run($"inner-jumps-{mode}", "InnerJumps", Source, mode);
        long Count(long n) => mode == CoverageMode.Set ? Math.Min(n, 1) : n;

        Assert.Equal(Count(3), snippet.Hits("break;"));            // Open: by 0, 1 and -1, not by 7 or -7 (their `continue;`)
        Assert.Equal(Count(1), snippet.Hits("continue;"));         // 7
        Assert.Equal(Count(1), snippet.Hits("continue;", 1));      // -7
        Assert.Equal(Count(2), snippet.Hits("break;", 1));         // Label: "ab]" has length 2 > 1, "  ]" has length 0; not "x]"
        Assert.Equal(Count(1), snippet.Hits("goto ReturnValid;")); // "x]"
        Assert.Equal(Count(2), snippet.Hits("return false;"));
        Assert.Equal(Count(2), snippet.Hits("goto Return;"));      // Next(3, 0) and Next(2, 1), not Next(1, 0)
        Assert.Equal(Count(1), snippet.Hits("goto MoveToNewLine;"));
        Assert.Equal(Count(3), snippet.Hits("return current + offset;"));
    }
}
