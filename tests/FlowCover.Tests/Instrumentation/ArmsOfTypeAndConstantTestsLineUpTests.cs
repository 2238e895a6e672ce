using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>?:</c> whose arms are <c>x == y || n is 1 or 3</c> on an <c>int?</c> and
/// <c>o is string &amp;&amp; o is int k &amp;&amp; x &gt; 1</c> (seed 116:569 of BuildsAgreeTests). The
/// statement's tests, counted, matched its conditions in number but not one by one (the
/// compiler's <c>HasValue</c> test and the arms' stored values shift them), and both builds
/// named the two type tests <c>is 1</c> and <c>is 3</c>: <c>is 1 false 3; is 3 false 3</c>, where
/// <c>o is string</c> was true 3 times, <c>o is int k</c> false 3 times and the constants never
/// tested. A type test never tests a pattern's constant, so such a line-up is refused and the
/// statement keeps the jump form. Line numbers are the snippet's own.
/// </summary>
public sealed class ArmsOfTypeAndConstantTestsLineUpTests
{
    private const string Source = """
        using System;
        public static class Target
        {
            public static int F(int x, int y, int? n, object o)
            {
                var t = 0;
                var g = 0;
                if ((((x & 1) == 0 ? x == y || n is 1 or 3 : o is string && o is int k && x > 1)) && ++g < 3)
                    t++;
                return t;
            }
            public static void Run()
            {
                Console.WriteLine(F(-15, 5, 3, "x") + F(-7, 5, null, "x") + F(-5, 5, 3, "x"));
            }
        }
        """;

    private const string Statement = "if ((((x & 1) == 0 ?";

    /// <summary>What each operand's outcomes are on the three calls, worked out by hand: every
    /// <c>x</c> is odd, so only the second arm runs, where <c>o</c> is a string and not an
    /// <c>int</c>; nothing else is tested.</summary>
    private static readonly Dictionary<string, long> Truth = new()
    {
        ["x == y true"] = 0,
        ["x == y false"] = 0,
        ["is 1 true"] = 0,
        ["is 1 false"] = 0,
        ["is 3 true"] = 0,
        ["is 3 false"] = 0,
        ["o is string true"] = 3,
        ["o is string false"] = 0,
        ["o is int k true"] = 0,
        ["o is int k false"] = 3,
        ["x > 1 true"] = 0,
        ["x > 1 false"] = 0,
        ["++g < 3 true"] = 0,
        ["++g < 3 false"] = 0,
    };

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void An_operand_named_carries_its_own_runs(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("arms-type-constant-lineup", "ArmsTypeConstantLineUp", Source, CoverageMode.Count, optimization: optimization);
        run.AssertNamedRuns(Statement, Truth);
    }
}
