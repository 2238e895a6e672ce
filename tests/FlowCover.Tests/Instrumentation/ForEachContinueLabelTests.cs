using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// <c>if (c) continue;</c> in a <c>foreach</c>: Release folds the <c>continue</c> into the
/// condition's branch, straight to where the loop fetches its next item (the <c>in</c>'s point;
/// over an array, hidden code before it), so that edge is the condition's <c>true</c>, as in
/// Debug. It kept the jump form (<c>the jump to line N</c>, the <c>foreach</c> line): CsvHelper's
/// ValidateHeader and ClassMap's member loops (docs/differential.md).
/// </summary>
public sealed class ForEachContinueLabelTests
{
    private const string Source = """
        using System.Collections.Generic;
        public static class Target
        {
            public static void Run() => Skip(new List<int> { 1, 5 }, new[] { 1, 5, 7 });
            public static int Skip(List<int> xs, int[] ys)
            {
                var n = 0;
                foreach (var x in xs)
                {
                    if (x > 2)
                    {
                        continue;
                    }
                    n += x;
                }
                foreach (var y in ys)
                {
                    if (y > 2)
                        continue;
                    n += y;
                }
                return n;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void The_branch_to_the_next_item_is_the_conditions_true(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("foreach-continue", "Continued", Source, CoverageMode.Count, optimization: optimization);
        Assert.Equal(["false=1", "true=1"], run.Outcomes("if (x > 2)"));
        Assert.Equal(["false=1", "true=2"], run.Outcomes("if (y > 2)"));
    }
}
