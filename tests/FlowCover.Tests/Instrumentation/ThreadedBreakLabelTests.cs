using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// <c>if (!M(...)) break;</c> where the <c>break</c> lands on another jump or on the method's end:
/// Release folds the <c>break</c> into the condition's branch and threads it on, through the outer
/// loop's <c>break;</c> to the statement after it (Markdig PipeTableParser.cs:713), or, the loop
/// being the body's last statement, to the <c>ret</c> at the closing brace (CsvHelper
/// ArrayHelper.cs:42, Markdig InlineProcessor.cs:398), or, the loop ending an <c>if</c>'s block,
/// to the statement after that <c>if</c> (Markdig LinkHelper.cs:662). The edge reached neither the
/// <c>break</c> nor the place the source gave it, so the outcomes kept the jump form; it is the
/// condition's <c>true</c>, as in Debug (docs/annotations.md).
/// </summary>
public sealed class ThreadedBreakLabelTests
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Chain(new[] { 0, 5 }); Chain(new[] { 0, 1 }); Chain(new[] { 0, 1 });
                var length = 3;
                TrimEnd(new[] { 1, 1, 5 }, ref length);
                Title("ab\n\nc", true); Title("ab\nc", true); Title("x", false);
            }
            private static bool Try(int x, out int y) { y = x; return x > 1; }
            public static int Chain(int[] xs)
            {
                var found = 0;
                for (var i = 0; i < xs.Length; i++)
                {
                    for (var j = i + 1; j < xs.Length; j++)
                    {
                        if (!Try(xs[j], out var y))
                        {
                            break;
                        }
                        found += y;
                        break;
                    }
                    break;
                }
                return found;
            }
            public static void TrimEnd(int[] buffer, ref int length)
            {
                for (var i = length - 1; i > 0; i--)
                {
                    if (!Try(buffer[i], out _))
                    {
                        break;
                    }
                    length--;
                }
            }
            public static int Title(string text, bool quoted)
            {
                var n = 0;
                if (quoted)
                {
                    var isLineBlank = false;
                    foreach (var c in text)
                    {
                        if (c == '\n')
                        {
                            if (isLineBlank)
                            {
                                break;
                            }
                            isLineBlank = true;
                        }
                        else
                            isLineBlank = false;
                    }
                }
                n++;
                return n;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void The_threaded_break_is_the_conditions_true(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("threaded-break", "Threaded", Source, CoverageMode.Count, optimization: optimization);
        Assert.Equal(["false=1", "true=2"], run.Outcomes("if (!Try(xs[j], out var y))"));
        Assert.Equal(["false=1", "true=1"], run.Outcomes("if (!Try(buffer[i], out _))"));
        // Out of a loop that ends an `if`'s block: on to the statement after the `if`.
        Assert.Equal(["false=2", "true=1"], run.Outcomes("if (isLineBlank)"));
    }
}
