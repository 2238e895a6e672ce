using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>not</c> inside a pattern's <c>and</c>/<c>or</c>: over one test it is that condition
/// (<c>is not null</c>); over several (<c>not (int or long)</c>) the compiler folds the negation
/// into where their tests lead, and each is named by its own value: <c>is int true</c> when the
/// value was an int, and the decision then false (docs/annotations.md).
/// </summary>
public sealed class NestedNotLabelTests
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Text("a"); Text(""); Text(null); Text("b");
                Neither(1L); Neither("s"); Neither(null); Neither(2.0);
            }
            public static bool Text(string? s) => s is (not null) and not "";
            public static bool Neither(object? o) => o is not (int or long) and not null;
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void Each_condition_under_a_nested_not_is_named_by_its_own_value(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("nested-not", "Labelled", Source, CoverageMode.Count, optimization: optimization);
        Assert.Equal(["is not \"\" false=1", "is not \"\" true=2", "is not null false=1", "is not null true=3"], run.Outcomes("s is (not null) and not \"\""));
        Assert.Equal(["is int false=4", "is int true=0", "is long false=3", "is long true=1", "is not null false=1", "is not null true=2"],
            run.Outcomes("o is not (int or long) and not null"));
    }
}
