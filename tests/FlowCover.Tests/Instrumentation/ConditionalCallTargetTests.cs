using FlowCover.Data;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A jump folded into an <c>if</c>'s branch whose target starts with a call the build compiled
/// to nothing (<c>Debug.Assert</c>, <c>[Conditional("DEBUG")]</c>, under a label: Markdig
/// EmphasisInlineParser.cs:388 <c>goto process_delims;</c>): the branch goes to the first
/// statement after it that has code, and that way is the jump running. The same for the other
/// way of an <c>if</c> whose block opens with such a call.
/// </summary>
public sealed class ConditionalCallTargetTests
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Emph(4, 4, 2);
                Emph(3, 0, 2);
                Emph(0, 0, 2);
            }

            private static int Emph(int open, int close, int minimum)
            {
                var result = 0;
                for (var i = 0; i < 3; i++)
                {
                    if (open > 0)
                    {
                    process_delims:
                        System.Diagnostics.Debug.Assert(open >= 0);
                        result += open;
                        open--;
                        if (open == 0)
                        {
                            break;
                        }
                        if (open >= minimum && close >= minimum)
                        {
                            goto process_delims;
                        }
                        else if (close > 0)
                        {
                            result--;
                        }
                    }
                    else
                    {
                        break;
                    }
                }
                return result;
            }
        }
        """;

    [Theory]
    [InlineData(CoverageMode.Count)]
    [InlineData(CoverageMode.Set)]
    public void A_jump_onto_a_call_compiled_to_nothing_is_counted_on_its_branch(CoverageMode mode)
    {
        var snippet = SnippetRun.Run($"conditional-call-{mode}", "ConditionalCall", Source, mode);
        long Count(long n) => mode == CoverageMode.Set ? Math.Min(n, 1) : n;

        Assert.Equal(Count(2), snippet.Hits("goto process_delims;")); // (4, 4): open 3 and 2 are >= 2; then 1 is not
        Assert.Equal(Count(2), snippet.Hits("break;"));               // open down to 0: (4, 4) and (3, 0)
        Assert.Equal(Count(1), snippet.Hits("break;", 1));            // (0, 0): the `else`
        Assert.Equal(Count(7), snippet.Hits("result += open;"));      // (4, 4): 4, 3, 2, 1; (3, 0): 3, 2, 1
    }
}
