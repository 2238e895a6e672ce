using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A comparison kept as a value before a pattern that needs a temporary (<c>(x &amp; 1) == 0 ||
/// x == y || n is 1 or 3</c>, <c>x is &gt; 1 and &lt; 5 &amp;&amp; n is 1 or 3</c>): Release stores the
/// <c>||</c> of the operands before the pattern, probes the last one's value where it joins, and
/// the statement's tests do not line up with its conditions (the pattern's <c>HasValue</c>).
/// That probe counts its operand, not the decision: it was labelled <c>true</c>/<c>false</c>, the
/// whole condition's words (<c>false 4</c> for an <c>if</c> that was true twice). It is named by
/// its operand; the rest of the line keeps the jump form. Line numbers are the snippet's own.
/// <c>B</c> (the pattern's own value, in a state machine, both builds) and <c>E</c> (a property
/// and a list pattern after <c>&amp;&amp;</c>) are shapes not named yet (docs/differential.md).
/// </summary>
public sealed class LeadingOperandValueLabelTests
{
    private const string Source = """
        using System;
        using System.Threading.Tasks;
        public static class Target
        {
            public static int A(int x, int y, int? n)
            {
                if ((x & 1) == 0 || x == y || n is 1 or 3)
                    return 1;
                return 0;
            }
            public static async Task<int> B(int x, int y, int? n)
            {
                if ((x & 1) == 0 || x == y || n is 1 or 3)
                {
                    await Task.Yield();
                    return 1;
                }
                return 0;
            }
            public static int C(int x, int[] arr, int? n)
            {
                if ((x & 1) == 0 && arr.Length > 1 && n is 1 or 3)
                    return 1;
                return 0;
            }
            public static int D(int x, int? n)
            {
                int g = 0;
                while ((x is > 1 and < 5 && n is 1 or 3) && ++g < 3);
                return g;
            }
            public static int E(string s, bool f, int[] arr)
            {
                if (s is { Length: > 2 } && f && arr is [_, ..])
                    return 1;
                return 0;
            }
            public static void Run()
            {
                int[] xs = { 1, 2, 3, 4, 5, 3 };
                int?[] ns = { 1, 3, null, 2, 1, 3 };
                int r = 0;
                for (int i = 0; i < 6; i++)
                {
                    r += A(xs[i], i, ns[i]);
                    r += B(xs[i], i, ns[i]).Result;
                    r += C(xs[i], new int[i % 3], ns[i]);
                    r += D(xs[i], ns[i]);
                    r += E(i % 2 == 0 ? "abcd" : (i == 3 ? null : "a"), i != 4, new int[i % 2]);
                }
                Console.WriteLine(r);
            }
        }
        """;

    private const string Or = "if ((x & 1) == 0 || x == y || n is 1 or 3)", And = "if ((x & 1) == 0 && arr.Length > 1 && n is 1 or 3)",
        While = "while ((x is > 1 and < 5 && n is 1 or 3) && ++g < 3);";

    /// <summary>Each statement's outcomes, by build. Debug branches on each operand (no value probe
    /// before the pattern): the jump form; its `true=4`/`false=2` in the loop are `++g < 3`'s, the
    /// last operand probed as a value, not named yet.</summary>
    private static readonly Dictionary<(OptimizationLevel, string), string[]> Expected = new()
    {
        [(OptimizationLevel.Release, Or)] = ["going on to line 7=1", "going on to line 7=3", "going on to line 7=4", "going on to line 8=1", "going on to line 8=5",
            "the jump to line 8=2", "the jump to line 8=2", "the jump to line 9=0", "the jump to line 9=1", "the jump to line 9=1", "x == y false=4", "x == y true=0"],
        [(OptimizationLevel.Release, And)] = ["arr.Length > 1 false=2", "arr.Length > 1 true=0", "going on to line 22=0", "going on to line 22=0", "going on to line 22=2",
            "going on to line 23=0", "going on to line 23=0", "the jump to line 23=0", "the jump to line 24=0", "the jump to line 24=0", "the jump to line 24=4", "the jump to line 24=6"],
        [(OptimizationLevel.Release, While)] = ["going on to line 29=6", "going on to line 29=6", "going on to line 29=7", "going on to line 29=7", "going on to line 29=9",
            "going on to line 30=2", "is < 5 false=1", "is < 5 true=8", "the jump to line 29=0", "the jump to line 29=4", "the jump to line 30=1", "the jump to line 30=1",
            "the jump to line 30=1", "the jump to line 30=4"],
        [(OptimizationLevel.Debug, Or)] = ["going on to line 7=1", "going on to line 7=3", "going on to line 7=4", "going on to line 7=4", "going on to line 8=5", "going on to line 9=0",
            "the jump to line 7=2", "the jump to line 8=1", "the jump to line 8=2", "the jump to line 8=2", "the jump to line 9=1", "the jump to line 9=1"],
        [(OptimizationLevel.Debug, And)] = ["going on to line 22=0", "going on to line 22=0", "going on to line 22=0", "going on to line 22=2", "going on to line 23=0",
            "going on to line 24=0", "the jump to line 22=6", "the jump to line 23=0", "the jump to line 23=0", "the jump to line 24=0", "the jump to line 24=4", "the jump to line 24=6"],
        [(OptimizationLevel.Debug, While)] = ["false=2", "going on to line 29=6", "going on to line 29=7", "going on to line 29=7", "going on to line 29=8", "going on to line 29=9",
            "going on to line 30=1", "the jump to line 29=0", "the jump to line 29=2", "the jump to line 29=6", "the jump to line 30=1", "the jump to line 30=1",
            "the jump to line 30=4", "true=4"],
    };

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void An_operand_kept_as_a_value_before_a_pattern_is_named_by_its_text(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("leading-operand-value", "LeadingOperandValue", Source, CoverageMode.Count, optimization: optimization);
        foreach (var statement in new[] { Or, And, While })
            Assert.Equal(Expected[(optimization, statement)], run.Outcomes(statement));
    }
}
