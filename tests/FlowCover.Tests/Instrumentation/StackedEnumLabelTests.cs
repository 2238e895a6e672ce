using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// Stacked enum labels are each an outcome, named by the member as written: the IL matches the
/// enum's number, with one range check for consecutive members (<c>c &lt;= 1u</c> from 0,
/// <c>c - 1 &lt;= 1u</c> further on) or one compare each, and the member of that number is the
/// label's (docs/annotations.md).
/// </summary>
public sealed class StackedEnumLabelTests
{
    private const string Source = """
        public enum Color { Red, Green, Blue, Black }
        public static class Target
        {
            public static void Run()
            {
                Warm(Color.Red); Warm(Color.Green); Warm(Color.Green); Warm(Color.Black);
                Dark(Color.Blue); Dark(Color.Green); Dark(Color.Black);
                Ends(Color.Black); Ends(Color.Black); Ends(Color.Green);
            }
            public static int Warm(Color c)
            {
                switch (c)
                {
                    case Color.Red:
                    case Color.Green:
                        return 1;
                }
                return 0;
            }
            public static int Dark(Color c)
            {
                switch (c)
                {
                    case Color.Green:
                    case Color.Blue:
                        return 1;
                }
                return 0;
            }
            public static int Ends(Color c)
            {
                switch (c)
                {
                    case Color.Red:
                    case Color.Black:
                        return 1;
                }
                return 0;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void Each_stacked_member_is_its_own_outcome_named_as_written(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("stacked-enum", "Labelled", Source, CoverageMode.Count, optimization: optimization);
        Assert.Equal(["case Color.Green=2", "case Color.Red=1", "no case matched=1"], run.Outcomes("switch (c)"));
        Assert.Equal(["case Color.Blue=1", "case Color.Green=1", "no case matched=1"], run.Outcomes("switch (c)", 1));
        Assert.Equal(["case Color.Black=2", "case Color.Red=0", "no case matched=1"], run.Outcomes("switch (c)", 2));
    }
}
