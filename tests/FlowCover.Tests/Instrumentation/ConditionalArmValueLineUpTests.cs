using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>?:</c> inside a compound condition whose arms are a chain and a value (seeds 31:190,
/// 37:5339 and 41:113 of BuildsAgreeTests). Debug stores the arms' value and tests it at the
/// join (the compiler's test), and probes the end of each arm: a value probe of an arm that
/// writes no condition (<c>(s ?? "").Length &gt; 0</c>), or two probes of one value (the arm
/// chain's last operand, which is also the arm's value). The statement's tests then numbered
/// its conditions and, lined up in order, each took the next one's name: <c>x &gt; 1 false</c>
/// counted the runs where <c>o</c> was not an <c>int</c>, <c>(s ?? "").Length &gt; 0 true</c>
/// those of <c>o is string</c>. A value probe lines up only with a condition both of whose
/// values lead to the decision's outcome, one probe per value; Debug's line now keeps the jump
/// form and its probes their own <c>true</c>/<c>false</c>. Release, exact before, is unchanged.
/// Line numbers are the snippet's own.
/// </summary>
public sealed class ConditionalArmValueLineUpTests
{
    private const string Source = """
        using System;
        public static class Target
        {
            public static int A(bool f, bool q, int[] arr, object o, int x, string s)
            {
                if (f && q && (arr.Length > 1 ? o is int k && x > 1 : (s ?? "").Length > 0))
                    return 1;
                return 0;
            }
            public static int B(int x, bool f, bool q, object o, string s)
            {
                if ((x > 1 || f || q ? o is string || (s ?? "").Length > 0 : s == "a" && s is { Length: > 2 }))
                    return 1;
                return 0;
            }
            public static void Run()
            {
                int r = 0;
                int[] two = { 1, 2 }, one = { 1 };
                r += A(true, true, two, null, 5, null);
                r += A(true, true, two, 3, 2, null);
                r += A(true, true, two, 3, 0, null);
                r += A(true, true, one, null, 0, "ab");
                r += A(false, true, two, 3, 2, null);
                r += B(2, false, false, "s", null);
                r += B(2, false, false, 1, null);
                r += B(0, false, false, 1, "a");
                r += B(0, true, false, 1, "abc");
                r += B(0, false, false, 1, null);
                Console.WriteLine(r);
            }
        }
        """;

    private const string A = "if (f && q && (arr.Length > 1", B = "if ((x > 1 || f || q ?";

    /// <summary>Each statement's outcomes, by build, worked out by hand from the ten calls: in
    /// <c>A</c>, <c>o is int k</c> true 2 false 1, <c>x &gt; 1</c> true 1 false 1, the <c>?:</c>'s value
    /// true 2 false 2; in <c>B</c>, <c>o is string</c> true 1 false 2, <c>(s ?? "").Length &gt; 0</c>
    /// true 1 false 1, <c>s == "a"</c> true 1 false 1, <c>Length: &gt; 2</c> false 1. Debug's bare pairs
    /// are those operands' values (<c>A</c>: <c>x &gt; 1</c> 1/1, the second arm 1/0; <c>B</c>:
    /// <c>Length: &gt; 2</c> twice, <c>(s ?? "").Length &gt; 0</c>); before, Debug read <c>x &gt; 1 false
    /// 1, true 2</c> and <c>(s ?? "").Length &gt; 0 true 1, false 2</c>, other operands' counts.</summary>
    private static readonly Dictionary<(OptimizationLevel, string), string[]> Expected = new()
    {
        [(OptimizationLevel.Debug, A)] = ["false=0", "false=1", "going on to line 6=1", "going on to line 6=2", "left false=1", "left true=4", "not null=1", "null=0",
            "right false=0", "right true=4", "the jump to line 6=3", "the jump to line 8=1", "true=1", "true=1"],
        [(OptimizationLevel.Debug, B)] = ["false=1", "false=1", "false=1", "going on to line 12=1", "going on to line 12=2", "not null=1", "null=1",
            "operand 1 false=3", "operand 1 true=2", "operand 2 false=2", "operand 2 true=1", "operand 3 false=2", "operand 3 true=0", "the jump to line 13=1",
            "the jump to line 14=1", "true=0", "true=0", "true=1"],
        [(OptimizationLevel.Release, A)] = ["f false=1", "f true=4", "going on to line 6=1", "not null=1", "null=0", "o is int k false=1", "o is int k true=2",
            "operand 6 false=2", "operand 6 true=2", "q false=0", "q true=4", "the jump to line 6=3", "x > 1 false=1", "x > 1 true=1"],
        [(OptimizationLevel.Release, B)] = ["going on to line 12=1", "going on to line 12=1", "going on to line 12=2", "going on to line 13=2", "not null=1", "null=1",
            "operand 1 false=3", "operand 1 true=2", "operand 2 false=2", "operand 2 true=1", "operand 3 false=2", "operand 3 true=0", "the jump to line 13=1",
            "the jump to line 14=0", "the jump to line 14=1", "the jump to line 14=3"],
    };

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void A_value_probe_takes_no_other_conditions_name(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("conditional-arm-lineup", "ConditionalArmLineUp", Source, CoverageMode.Count, optimization: optimization);
        foreach (var statement in new[] { A, B })
            Assert.Equal(Expected[(optimization, statement)], run.Outcomes(statement));
    }
}
