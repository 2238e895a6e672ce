using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// Consecutive constants of a pattern's <c>or</c> (<c>x is 1 or 2</c>) are tested by the compiler
/// with one range check (<c>x - 1 &lt;= 1u</c>): one condition, named by the whole run and its own
/// value, also under a <c>not</c>, whose decision is the opposite (docs/annotations.md). Where the
/// same constants are tested one by one (beside another part), each is its own condition.
/// </summary>
public sealed class FoldedRangeLabelTests
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                NotOneOrTwo(1); NotOneOrTwo(2); NotOneOrTwo(7);
                Small(3); Small(0); Small(4); Small(9);
                NotSmall(1); NotSmall(5); NotSmall(9);
            }
            public static bool NotOneOrTwo(int x) => x is not (1 or 2);
            public static int Small(int x)
            {
                if (x is 1 or 2 or 3)
                    return 1;
                return 0;
            }
            public static bool NotSmall(int x) => x is not (1 or 2) and not 5;
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void A_run_tested_as_one_range_is_one_condition(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("folded-range", "Labelled", Source, CoverageMode.Count, optimization: optimization);
        Assert.Equal(["is 1 or 2 false=1", "is 1 or 2 true=2"], run.Outcomes("x is not (1 or 2);"));
        Assert.Equal(["false=3", "true=1"], run.Outcomes("if (x is 1 or 2 or 3)"));
        // Tested one by one here (no range check): each constant is a condition.
        Assert.Equal(["is 1 false=2", "is 1 true=1", "is 2 false=2", "is 2 true=0", "is not 5 false=1", "is not 5 true=1"],
            run.Outcomes("x is not (1 or 2) and not 5"));
    }
}
