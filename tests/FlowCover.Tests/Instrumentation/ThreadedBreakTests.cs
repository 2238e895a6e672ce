using FlowCover.Data;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// An inner loop's <c>break;</c> whose next step is the outer loop's <c>break;</c>: Release
/// threads the inner jump straight to where the outer one goes, past the outer <c>break;</c>'s own
/// <c>br</c>. Both ran on that way: the inner <c>break;</c> is a line counted on it, and the outer
/// one is counted on it too (it was a wrong miss: reported missed although it ran).
/// </summary>
public sealed class ThreadedBreakTests
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Find(new object[] { "a", 5 });
                Find(new object[] { "b", 6 });
            }

            private static bool Try(object o, out int n)
            {
                n = 1;
                return o is string;
            }

            private static int Find(object[] items)
            {
                var total = 0;
                for (var i = 0; i < items.Length; i++)
                {
                    for (var j = i + 1; j < items.Length; j++)
                    {
                        if (!Try(items[j], out var c))
                        {
                            break;
                        }
                        total += c;
                    }
                    break;
                }
                return total;
            }
        }
        """;

    [Theory]
    [InlineData(CoverageMode.Count)]
    [InlineData(CoverageMode.Set)]
    public void Both_breaks_count_the_way_the_inner_one_takes(CoverageMode mode)
    {
        var snippet = SnippetRun.Run($"threaded-break-{mode}", "Threaded", Source, mode);
        long Count(long n) => mode == CoverageMode.Set ? Math.Min(n, 1) : n; // Set mode: ran or not.
        Assert.Equal(Count(2), snippet.Hits("break;"));      // the inner one, each call
        Assert.Equal(0, snippet.Hits("total += c;"));
        Assert.Equal(Count(2), snippet.Hits("break;", 1));   // the outer one, reached only through the inner one
        Assert.Equal(Count(2), snippet.Hits("return total;"));
    }
}
