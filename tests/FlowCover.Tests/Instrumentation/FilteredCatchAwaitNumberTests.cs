using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A catch with a <c>when</c> filter whose block awaits, in an async method: the compiler moves
/// the block after the try and tests a number the handler stores (<c>if (which == 1)</c>), a
/// test of its own that runs every time the try ends. Release keeps that number in a local it
/// also gives a <c>t++</c>'s copy, and the filter's handler is a filter, not a catch: the test
/// was taken for the user's and named after the filter's last condition, <c>x &gt; 1 false 3</c>
/// on three runs that threw nothing (seed 12:2749 of BuildsAgreeTests, found by its OutcomeTruth).
/// Where an await in the try keeps the number across a suspension, Release stores it in a field
/// of the state machine, one it shares with a loop variable hoisted earlier (<c>&lt;i&gt;5__3</c>;
/// seed 53:4595): the same test, on a field.
/// </summary>
public sealed class FilteredCatchAwaitNumberTests
{
    private const string Source = """
        using System;
        using System.Threading.Tasks;
        public static class Target
        {
            public static async Task<int> G(int x, int d)
            {
                var t = 0;
                await Task.Yield();
                foreach (var e in new[] { 1, 2, 3 })
                    try
                    {
                        t += 10 / d;
                    }
                    catch (Exception ex) when (ex is DivideByZeroException || x > 1)
                    {
                        await Task.Yield();
                        t++;
                    }
                t++;
                return t;
            }
            public static void Run()
            {
                Console.WriteLine(G(0, 1).GetAwaiter().GetResult() + G(5, 0).GetAwaiter().GetResult());
            }
        }
        """;

    /// <summary>The number in a field: an await in the try, and a loop variable hoisted before.</summary>
    private const string InField = """
        using System;
        using System.Threading.Tasks;
        public static class Target
        {
            public static async Task<int> K(int x, int d)
            {
                var t = 0;
                for (var i = 0; i < 2; i++)
                {
                    await Task.Yield();
                    t += i;
                }
                try
                {
                    await Task.Yield();
                    t += 10 / d;
                }
                catch (Exception ex) when (ex is DivideByZeroException || x > 1)
                {
                    await Task.Yield();
                    t++;
                }
                return t;
            }
            public static void Run()
            {
                Console.WriteLine(K(0, 1).GetAwaiter().GetResult() + K(0, 1).GetAwaiter().GetResult() + K(5, 0).GetAwaiter().GetResult());
            }
        }
        """;

    private const string Filter = "catch (Exception ex) when (ex is DivideByZeroException || x > 1)";

    /// <summary>The first call throws nothing; the second throws three times, each a
    /// <c>DivideByZeroException</c>, so <c>x &gt; 1</c> never runs.</summary>
    private static readonly Dictionary<string, long> Truth = new()
    {
        ["x > 1 true"] = 0,
        ["x > 1 false"] = 0,
        ["operand 1 true"] = 3,
        ["operand 1 false"] = 0,
    };

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void The_filter_counts_only_its_own_runs(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("filtered-catch-await", "FilteredCatchAwait", Source, CoverageMode.Count, optimization: optimization);
        run.AssertNamedRuns(Filter, Truth);
    }

    /// <summary>Two calls throw nothing; the third throws once, a <c>DivideByZeroException</c>.</summary>
    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void The_filter_counts_only_its_own_runs_with_the_number_in_a_field(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("filtered-catch-await-field", "FilteredCatchAwaitField", InField, CoverageMode.Count, optimization: optimization);
        run.AssertNamedRuns(Filter, new Dictionary<string, long> { ["x > 1 true"] = 0, ["x > 1 false"] = 0, ["operand 1 true"] = 1, ["operand 1 false"] = 0 });
    }
}
