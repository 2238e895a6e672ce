using FlowCover.Instrumentation.Filters;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>
/// A <c>switch</c> on type patterns: each label compiles to a type test (<c>isinst T</c>, its
/// result kept in the pattern's variable in Debug), stacked labels all jumping to one section.
/// </summary>
public sealed class SwitchStackedLabelTests
{
    private const string Stacked = """
        public static class C
        {
            public static string F(object v)
            {
                switch (v)
                {
                    case int:
                    case long:
                        return "number";
                    default:
                        return "other";
                }
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void Switch_dispatch_filter_makes_each_stacked_type_label_an_outcome(OptimizationLevel optimization)
    {
        var said = FilterRun.Apply(new SwitchDispatchFilter(), Stacked, "F", optimization);
        Assert.Contains("decision 5: the arm at line 9 | the arm at line 9 | the arm at line 11", said);
    }

    private const string InAsync = """
        using System.Threading.Tasks;
        public sealed class Ignored { }
        public static class C
        {
            public static async Task<int> F(object v, int n)
            {
                await Task.Yield();
                switch (v)
                {
                    case Ignored _:
                        return n;
                    case string s:
                        return s.Length;
                }
                return 0;
            }
        }
        """;

    /// <summary>Release hides the dispatch of a type-pattern switch in an async method: its type
    /// tests stand under a hidden point, as the rethrow's <c>isinst Exception</c> of an emulated
    /// finally does, and are still the user's.</summary>
    [Fact]
    public void Async_finally_filter_leaves_the_type_tests_of_a_switch_in_an_async_method()
    {
        var said = FilterRun.Apply(new AsyncFinallyFilter(), InAsync, "F.MoveNext", OptimizationLevel.Release);
        Assert.Empty(said);
    }
}
