using FlowCover.Instrumentation.Filters;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>What <see cref="AsyncFinallyFilter"/> alone tells its output (see <see cref="FilterRun"/>):
/// the plumbing of a finally that awaits is ignored, a user's local that the state machine keeps
/// in a field is not, even when it looks like the plumbing's pending-exit selector (a field
/// assigned only constants, tested under Debug's hidden point).</summary>
public sealed class AsyncFinallyFilterTests
{
    private const string Source = """
        using System;
        using System.Threading.Tasks;
        public static class C
        {
            public static async Task<int> Flag(int[] xs, int t)
            {
                var found = false;
                foreach (var x in xs)
                {
                    if (x > 2)
                        found = true;
                    await Task.Yield();
                }
                if (found)
                    t += 5;
                return t;
            }
            public static async Task<int> Kept(int? n, int x, int t)
            {
                await Task.Yield();
                var b = n is 1 or 3 || x < 0;
                if (b)
                    t += 5;
                return t;
            }
            public static async Task<int> Pending(int x)
            {
                try
                {
                    if (x > 0)
                        return 1;
                }
                finally
                {
                    await Task.Yield();
                }
                return 2;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void A_flag_assigned_only_constants_keeps_its_decision(OptimizationLevel optimization)
    {
        Assert.Empty(FilterRun.Apply(new AsyncFinallyFilter(), Source, "Flag.MoveNext", optimization));
    }

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void A_local_holding_a_chain_keeps_its_decision(OptimizationLevel optimization)
    {
        Assert.Empty(FilterRun.Apply(new AsyncFinallyFilter(), Source, "Kept.MoveNext", optimization));
    }

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void The_pending_return_of_a_finally_that_awaits_is_plumbing(OptimizationLevel optimization)
    {
        var told = FilterRun.Apply(new AsyncFinallyFilter(), Source, "Pending.MoveNext", optimization);
        Assert.Equal(ExpectedPending[optimization], told);
    }

    private static readonly Dictionary<OptimizationLevel, string[]> ExpectedPending = new()
    {
        // The stashed exception's null test, its `isinst Exception` and the pending return's test.
        [OptimizationLevel.Debug] = ["ignore branch 36 brfalse.s", "ignore branch 36 brtrue.s", "ignore branch 36 beq.s"],
        [OptimizationLevel.Release] = ["ignore branch 35 brfalse.s", "ignore branch 35 brtrue.s", "ignore branch 35 bne.un.s"],
    };
}
