using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// An <c>or</c> of enum members written <c>Type.Member</c> whose numbers are consecutive
/// (<c>q is Quote.Left or Quote.Right</c>) is tested by the compiler with one range check
/// (<c>q - 2 &lt;= 1u</c>): one condition, named by the whole run and its own value, as a run of
/// literal constants is (docs/annotations.md). The members' numbers are read from the enum's
/// definition: the check's values must be the run's members. Members tested one by one are each
/// a condition.
/// </summary>
public sealed class EnumRunLabelTests
{
    private const string Source = """
        public enum Quote { None, Single, Left, Right, LeftDouble, RightDouble, Angle }
        public static class Target
        {
            public static void Run()
            {
                Kind(Quote.Left); Kind(Quote.Right); Kind(Quote.LeftDouble); Kind(Quote.None); Kind(Quote.Angle);
                Both(true, Quote.Right); Both(true, Quote.None); Both(false, Quote.Left);
                Apart(Quote.Single); Apart(Quote.Right); Apart(Quote.None);
            }
            public static int Kind(Quote quote)
            {
                if (quote is Quote.Left or Quote.Right)
                    return 1;
                else if (quote is Quote.LeftDouble or Quote.RightDouble)
                    return 2;
                return 0;
            }
            public static int Both(bool open, Quote quote)
            {
                if (open && quote is Quote.Left or Quote.Right)
                    return 1;
                return 0;
            }
            public static int Apart(Quote quote)
            {
                if (quote is Quote.Single or Quote.Right)
                    return 1;
                return 0;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void A_run_of_enum_members_tested_as_one_range_is_one_condition(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("enum-run", "Labelled", Source, CoverageMode.Count, optimization: optimization);
        Assert.Equal(["false=3", "true=2"], run.Outcomes("if (quote is Quote.Left or Quote.Right)"));
        Assert.Equal(["false=2", "true=1"], run.Outcomes("else if (quote is Quote.LeftDouble or Quote.RightDouble)"));
        // Beside another operand the compiler keeps the `&&`'s value and tests it again: three
        // tests for the statement's three written conditions, but the range check is the two
        // members' and the last test is the stored value's. Lined up one to one they would name
        // the stored value's test `is Quote.Right` (3 evaluations of a member tested twice): the
        // members' numbers say the tests are not theirs, so the jump form stays.
        Assert.Equal(optimization == OptimizationLevel.Debug
                ? ["going on to line 20=2", "going on to line 21=1", "going on to line 22=1", "the jump to line 20=1", "the jump to line 21=1", "the jump to line 22=2"]
                : ["going on to line 20=2", "going on to line 21=1", "going on to line 21=1", "the jump to line 20=1", "the jump to line 22=1", "the jump to line 22=2"],
            run.Outcomes("if (open && quote is Quote.Left or Quote.Right)"));
        // Not consecutive: a compare each, each member a condition.
        Assert.Equal(["is Quote.Right false=1", "is Quote.Right true=1", "is Quote.Single false=2", "is Quote.Single true=1"],
            run.Outcomes("if (quote is Quote.Single or Quote.Right)"));
    }
}
