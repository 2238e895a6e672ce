using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>?:</c> whose arms are 1 and 0 (or <c>true</c> and <c>false</c>) is a decision of two
/// outcomes: Debug branches on its condition, Release computes the value with no branch
/// (<c>ldarg c; ret</c>, <c>clt</c>, <c>ceq</c> against 0 for arms the other way round). Both
/// builds count the same outcomes, labelled by the condition's value, with the same counts.
/// </summary>
public sealed class ConstantArmsConditionalTests
{
    private const string Source = """
        public static class Target
        {
            public static int Stored;
            public static object Box;

            public static void Run()
            {
                Bit(true);
                Bit(true);
                Bit(false);
                NotBit(true);
                Less(1, 2);
                Less(2, 1);
                Less(3, 1);
                Flag(false);
                Store(5);
                Boxed(true);
                Log(5);
                Log(50);
                Log(50);
            }

            private static int Bit(bool c) => c ? 1 : 0;

            private static int NotBit(bool c) => c ? 0 : 1;

            private static int Less(int a, int b)
            {
                return a < b ? 1 : 0;
            }

            private static bool Flag(bool b) => b ? true : false;

            private static void Store(int n)
            {
                Stored = n > 3 ? 0 : 1;
            }

            private static int Log(int i) => (i < 10) ? 0 : (i < 100) ? 1 : 2;

            private static void Boxed(bool c)
            {
                Box = c ? 1 : 0;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Release)]
    [InlineData(OptimizationLevel.Debug)]
    public void Both_builds_count_the_condition_of_a_constant_armed_conditional(OptimizationLevel optimization)
    {
        var snippet = SnippetRun.Run("constant-arms", "ConstantArms", Source, CoverageMode.Count, optimization: optimization);

        Assert.Equal(["false=1", "true=2"], snippet.Outcomes("c ? 1 : 0"));
        Assert.Equal(["false=0", "true=1"], snippet.Outcomes("c ? 0 : 1"));
        Assert.Equal(["false=2", "true=1"], snippet.Outcomes("a < b ? 1 : 0"));
        Assert.Equal(["false=1", "true=0"], snippet.Outcomes("b ? true : false"));
        Assert.Equal(["false=0", "true=1"], snippet.Outcomes("n > 3 ? 0 : 1"));
        // Nested, branching in both builds: each edge is named by the arm whose constant it pushes.
        Assert.Equal(["i < 10 false=2", "i < 10 true=1", "i < 100 false=0", "i < 100 true=2"], snippet.Outcomes("(i < 10) ? 0"));
    }

    [Fact]
    public void A_value_boxed_after_the_conditional_is_not_read_as_its_condition()
    {
        // Release: `ldarg c; box int; stsfld Box`. The stored reference is never null, so a probe
        // there would report `true` each time; the value is not probed (Release gives this `?:`
        // no outcome, the limit annotations.md names) rather than counted wrongly.
        var snippet = SnippetRun.Run("constant-arms-boxed", "ConstantArmsBoxed", Source, CoverageMode.Count);

        Assert.Empty(snippet.Outcomes("Box = c ? 1 : 0;"));
        Assert.Equal(["false=1", "true=2"], snippet.Outcomes("c ? 1 : 0"));
    }
}
