using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A label stacked with <c>default</c> (<c>case 3: default:</c>) is two outcomes, as two stacked
/// labels are: <c>case 3</c> when the value matched it, <c>default</c> when no label matched; the
/// IL reaches the section by the label's compare and by the dispatch's way past every compare
/// (docs/annotations.md).
/// </summary>
public sealed class StackedDefaultLabelTests
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Size(1); Size(3); Size(3); Size(4); Size(5); Size(6);
            }
            public static string Size(int n)
            {
                switch (n)
                {
                    case 1:
                        return "one";
                    case 3:
                    default:
                        return "other";
                }
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void The_label_and_default_are_each_an_outcome(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("stacked-default", "Labelled", Source, CoverageMode.Count, optimization: optimization);
        Assert.Equal(["case 1=1", "case 3=2", "default=3"], run.Outcomes("switch (n)"));
    }
}
