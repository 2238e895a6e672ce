using FlowCover.Instrumentation.Filters;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>
/// Two shapes the differential check against Coverlet found filters getting wrong
/// (docs/differential.md): Debug's nested join of <c>a &amp;&amp; (b || c)</c>, whose last
/// operand was dropped, and a decision the user wrote in the finally of an async method, taken
/// for the compiler's. Each filter alone, as in <see cref="FilterTests"/>.
/// </summary>
public sealed class JoinAndFinallyFilterTests
{
    private const string Usings = "using System; using System.Collections; using System.Collections.Generic; using System.Threading.Tasks;\n";

    private const string MixedCondition = """
        static bool A(int x) => x > 0;
        static bool B(int x) => x > 5;
        public static int Cond(bool on, int x)
        {
            if (on && (A(x) || B(x)))
                return 1;
            return 0;
        }
        """;

    private const string FinallyDecision = """
        public static async Task Drain(IEnumerator e)
        {
            try { await Task.Yield(); }
            finally
            {
                if (e is IDisposable d)
                    d.Dispose();
            }
        }
        """;

    private static IReadOnlyList<string> Run(ICompilerPatternFilter filter, string members, string method, OptimizationLevel optimization) =>
        FilterRun.Apply(filter, Usings + "public static class C\n{\n" + members + "\n}\n", method, optimization);

    [Fact]
    public void Constant_value_filter_keeps_a_join_that_a_nested_join_brings_an_operand_to()
    {
        // The stored condition is 0 where `on` was false and 1 where A was true, but B's value
        // where B ran: it was not decided by the branches that chose the constants.
        var said = Run(new ConstantValueFilter(), MixedCondition, "Cond", OptimizationLevel.Debug);
        Assert.Empty(said);
    }

    [Fact]
    public void Short_circuit_join_filter_probes_the_last_operand_of_a_nested_join()
    {
        var said = Run(new ShortCircuitJoinFilter(), MixedCondition, "Cond", OptimizationLevel.Debug);
        Assert.Equal(["ignore branch 8 brfalse.s", "value StackValueProbe 8: true, false"], said);
    }

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void Finally_plumbing_filter_keeps_the_decisions_of_a_finally_the_user_wrote_in_an_async_method(OptimizationLevel optimization)
    {
        var said = Run(new FinallyPlumbingFilter(), FinallyDecision, "Drain.MoveNext", optimization);
        Assert.Empty(said);
    }

    [Fact]
    public void Finally_plumbing_filter_still_ignores_the_dispose_check_of_using_in_an_async_method()
    {
        var said = Run(new FinallyPlumbingFilter(), """
            public static async Task F(IDisposable d)
            {
                using (d)
                    await Task.Yield();
            }
            """, "F.MoveNext", OptimizationLevel.Release);
        Assert.Equal(["ignore branch 7 bge.s", "ignore branch 7 brfalse.s"], said);
    }
}
