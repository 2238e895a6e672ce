using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>?:</c> operand of <c>||</c> whose true arm is a <c>&amp;&amp;</c> ending in a comparison
/// (<c>(c ? a &amp;&amp; x &gt; 1 : f) || y &gt; 0</c>, BuildsAgreeTests seed 6 line 4639). The
/// arm compiles to <c>ldarg a; brfalse F; x &gt; 1; br J; F: ldc.i4.0; J:</c> and the false arm's
/// value jumps to the same <c>J</c>, where a branch tests the <c>?:</c>'s value. That join is no
/// short-circuit's: the branch is the <c>?:</c>'s condition, <c>x &gt; 1</c> is probed where it
/// leaves, and <c>f</c>, the other arm's value, is no operand. Until 2026-12-07 both values were
/// probed as operands and named in the order the IL holds them: <c>x &gt; 1</c> counted
/// <c>f</c>'s runs, the <c>?:</c>'s value counted <c>x &gt; 1</c>'s, and Debug's last operand
/// (<c>x &lt; 0</c>) counted every true of the whole condition. Where the <c>||</c> is eager
/// (<c>|| d</c> on a plain boolean) the branch tests the <c>or</c> of both, no operand's value:
/// the jump form, never <c>d</c>'s name.
/// </summary>
public sealed class ConditionalArmShortCircuitTests(ConditionalArmShortCircuitTests.Runs runs) : IClassFixture<ConditionalArmShortCircuitTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            static int t;

            public static void Run()
            {
                for (int m = 0; m < 32; m++)
                {
                    bool c = (m & 1) != 0, a = (m & 2) != 0, b = (m & 4) != 0, f = (m & 8) != 0, d = (m & 16) != 0;
                    int x = b ? 5 : -1, y = d ? 1 : 0;
                    Tested(c, a, x, f, y);
                    Eager(c, a, x, f, d);
                    Condition(c, a, x, f);
                    Or(x, a, f, c ? 3 : 0);
                }
                foreach (var o in new object[] { "s", null })
                    foreach (var f in new[] { true, false })
                        foreach (var first in new[] { 1, 0 })
                            foreach (var x in new[] { 5, -1 })
                                Pattern(o, f, new[] { first, 0, 0, 0 }, 0, x);
            }

            static void Tested(bool c, bool a, int x, bool f, int y)
            {
                if ((c ? a && x > 1 : f) || y > 0 || x < 0)
                    t++;
            }

            static void Eager(bool c, bool a, int x, bool f, bool d)
            {
                if ((c ? a && x > 1 : f) || d)
                    t++;
            }

            static void Pattern(object o, bool f, int[] arr, int y, int x)
            {
                if ((o is string ? o is int k && x > 1 : f) || arr[y & 3] > 0 || x < 0)
                    t++;
            }

            static void Condition(bool c, bool a, int x, bool f)
            {
                if ((c ? a && x > 1 : f))
                    t++;
            }

            static bool R(int y) => y > 2;

            static void Or(int x, bool f, bool q, int y)
            {
                if ((x < 0 ? f || q || x > 1 : R(y)))
                    t++;
            }
        }
        """;

    public sealed class Runs() : SnippetRunsByBuild("conditional-arm-short-circuit", "ConditionalArmShortCircuit", Source);

    /// <summary>Each statement by the start of its text, and its outcomes as <c>label=count</c>,
    /// sorted: the same in Debug and Release.</summary>
    private static readonly (string Statement, string[] Outcomes)[] Shapes =
    [
        // 32 runs: c half of them; a && x > 1 (x > 1 when b) true 4 of c's 16, f true 8 of the
        // other 16, so the ?: is true 12 times; y > 0 (d) then decides 20, x < 0 (!b) 10.
        ("if ((c ? a && x > 1 : f) || y > 0",
            ["a false=8", "a true=8", "c ? a && x > 1 : f false=20", "c ? a && x > 1 : f true=12", "going on to line 25=16", "the jump to line 25=16",
             "x < 0 false=4", "x < 0 true=6", "x > 1 false=4", "x > 1 true=4", "y > 0 false=10", "y > 0 true=10"]),
        // The branch tests (c ? a && x > 1 : f) | d: true 22 times, d itself 10 of its 20 runs.
        // x > 1's value is probed where it leaves (4 of each); the ?: and d are not named.
        ("if ((c ? a && x > 1 : f) || d)",
            ["false=4", "going on to line 31=16", "going on to line 31=8", "going on to line 32=22", "the jump to line 31=16", "the jump to line 31=8",
             "the jump to the method's exit=10", "true=4"]),
        // 16 runs: o a string in 8, where o is int is false and the ?: too; f true in 4 of the
        // other 8. The array's first element then decides 12 (6 true), x < 0 the other 6.
        ("if ((o is string ?",
            ["arr[y & 3] > 0 false=6", "arr[y & 3] > 0 true=6", "going on to line 37=8", "o is int k false=8", "o is int k true=0", "operand 4 false=12",
             "operand 4 true=4", "the jump to line 37=8", "x < 0 false=3", "x < 0 true=3", "x > 1 false=0", "x > 1 true=0"]),
        // c ? a && x > 1 : f alone: the same 32 runs, the ?: true 12 times, x > 1 run 8 times.
        ("if ((c ? a && x > 1 : f))",
            ["a false=8", "a true=8", "c ? a && x > 1 : f false=20", "c ? a && x > 1 : f true=12", "going on to line 43=16", "the jump to line 43=16",
             "x > 1 false=4", "x > 1 true=4"]),
        // x < 0 in 16 runs: f (a) true 8; q (f) decides the other 8, true 4; x > 1 then false 4.
        // R(y) (y = 3 when c) true 8 of the other 16: the ?: true 12 + 8 = 20 times.
        ("if ((x < 0 ? f || q",
            ["f false=8", "f true=8", "going on to line 51=16", "operand 5 false=12", "operand 5 true=20", "q false=4", "q true=4", "the jump to line 51=16",
             "x > 1 false=4", "x > 1 true=0"]),
    ];

    public static TheoryData<OptimizationLevel, int> Cases()
    {
        var cases = new TheoryData<OptimizationLevel, int>();
        foreach (var build in new[] { OptimizationLevel.Debug, OptimizationLevel.Release })
            for (var k = 0; k < Shapes.Length; k++)
                cases.Add(build, k);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_condition_counts_what_ran(OptimizationLevel build, int shape) =>
        Assert.Equal(Shapes[shape].Outcomes, runs.Get(build, CoverageMode.Count).Outcomes(Shapes[shape].Statement));
}
