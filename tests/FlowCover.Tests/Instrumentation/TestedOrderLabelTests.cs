using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// An <c>or</c> of constants the compiler tests in another order than written
/// (<c>c is 'x' or 'y' or 'z' or 'w' or '_'</c>: <c>'_'</c> compared first, then a jump table for
/// <c>'w'</c>..<c>'z'</c>) or with gaps (<c>c is 'a' or 'c' or 'e'</c>, one table) is named in the
/// order it is tested (docs/annotations.md). Before, it kept the jump form, and where the value is
/// returned every outcome went to the method's exit: one not taken printed <c>N-&gt;exit</c>
/// although the method was left that way.
/// </summary>
public sealed class TestedOrderLabelTests
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                foreach (var c in "x_q")
                {
                    IsId(c); Tested(c); Gaps(c);
                }
            }
            public static bool IsId(char c) => c is 'x' or 'y' or 'z' or 'w' or '_';
            public static int Tested(char c)
            {
                if (c is 'x' or 'y' or 'z' or 'w' or '_')
                    return 1;
                return 0;
            }
            public static bool Gaps(char c) => c is 'a' or 'c' or 'e';
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void Each_test_is_named_by_the_constants_it_compares(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("tested-order", "Ordered", Source, CoverageMode.Count, optimization: optimization);
        // 'x' is in the run; '_' matches the first compare; 'q' neither. The run's text is longer
        // than a label repeats: it is the first operand written.
        string[] expected = ["is '_' false=2", "is '_' true=1", "operand 1 false=1", "operand 1 true=1"];
        Assert.Equal(expected, run.Outcomes("=> c is 'x' or 'y' or 'z' or 'w' or '_';"));
        Assert.Equal(expected, run.Outcomes("if (c is 'x' or 'y' or 'z' or 'w' or '_')"));
        Assert.Equal(["false=3", "true=0"], run.Outcomes("c is 'a' or 'c' or 'e'"));
    }
}
