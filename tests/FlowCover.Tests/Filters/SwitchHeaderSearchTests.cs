using FlowCover.Instrumentation.Filters;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>
/// Release gives some <c>switch</c> headers no sequence point, so the switch filter looks for the
/// header's line above a dispatch's arms; that search stays in the arms' own body.
/// </summary>
public sealed class SwitchHeaderSearchTests
{
    // B's resume dispatch (hidden, ahead of its first statement) lands on line 12; above it are
    // only B's signature and A, whose switch is on line 6.
    private const string TwoMethods = """
        using System.Threading.Tasks;
        public static class C
        {
            public static int A(int x)
            {
                switch (x) { case 1: return 1; }
                return 0;
            }

            public static async Task<int> B(Task t)
            {
                await t;
                return 1;
            }
        }
        """;

    [Fact]
    public void Switch_dispatch_filter_does_not_take_the_switch_of_the_method_above()
    {
        var said = FilterRun.Apply(new SwitchDispatchFilter(), TwoMethods, "B.MoveNext", OptimizationLevel.Release);
        Assert.Empty(said);
    }

    private const string HeaderAbove = """
        public static class C
        {
            public static int F(int n)
            {
                var m = n + 1;
                switch (n)
                {
                    case 1:
                        return m;
                    case 2:
                        return 2;
                }
                return 0;
            }
        }
        """;

    /// <summary>The header of the body's own switch is still found (Release keeps no point for it).</summary>
    [Fact]
    public void Switch_dispatch_filter_still_finds_its_own_header_without_a_point()
    {
        var said = FilterRun.Apply(new SwitchDispatchFilter(), HeaderAbove, "F", OptimizationLevel.Release);
        Assert.Equal(["ignore branch 5 beq.s", "ignore branch 5 beq.s", "decision 6: the arm at line 9 | the arm at line 13 | the arm at line 11", "add line 6"], said);
    }
}
