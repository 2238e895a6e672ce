using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>!</c> over a chain (<c>!(a || b)</c>) adds no decision: its operands are the conditions,
/// each named by its own value, as without the <c>!</c> (docs/annotations.md). Kept as a value,
/// the compiler computes the last operand's negation with no branch (<c>call b; ldc.i4.0; ceq</c>),
/// which is probed where it leaves: before, the chain got two outcomes in the jump form, its last
/// operand lost (Stateless MermaidGraphStyle.cs:148, docs/differential.md). Where the negated chain
/// ends a larger kept chain, or Debug's <c>if</c> joins the negation before testing it, its last
/// operand was named backwards (the value probed is the decision's, the operand's negation).
/// </summary>
public sealed class NegatedChainTests
{
    private const string Source = """
        using System.Linq;
        public static class Target
        {
            public static void Run()
            {
                foreach (var x in new[] { -1, 3, 7, 11 })
                {
                    Negated(x); Negated3(x); NegatedAnd(x); Tested(x); Stored(x);
                }
                Clean("a :-b");
                Heading(true, 1.0); Heading(true, 2.0); Heading(true, 5);
            }
            static bool A(int x) => x > 0;
            static bool B(int x) => x > 5;
            static bool C(int x) => x > 9;
            public static bool Negated(int x) => !(A(x) || B(x));
            public static bool Negated3(int x) => !(A(x) || B(x) || C(x));
            public static bool NegatedAnd(int x) => !(A(x) && B(x));
            public static int Tested(int x)
            {
                if (!(A(x) || B(x)))
                    return 1;
                return 0;
            }
            public static bool Stored(int x)
            {
                var none = !(A(x) || B(x));
                return none;
            }
            public static bool Heading(bool lazy, object parent)
            {
                bool isSet = !lazy || !(parent is string || parent is int);
                return isSet;
            }
            public static string Clean(string s) => new string(s.Where(c => !(char.IsWhiteSpace(c) || c == ':' || c == '-')).ToArray());
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void Each_operand_of_a_negated_chain_is_a_condition_named_by_its_own_value(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("negated-chain", "Negated", Source, CoverageMode.Count, optimization: optimization);
        // x = -1, 3, 7, 11: A(x) false once; B(x) evaluated once, false; C(x) never.
        string[] twoOperands = ["A(x) false=1", "A(x) true=3", "B(x) false=1", "B(x) true=0"];
        Assert.Equal(twoOperands, run.Outcomes("=> !(A(x) || B(x));"));
        Assert.Equal(["A(x) false=1", "A(x) true=3", "B(x) false=1", "B(x) true=0", "C(x) false=1", "C(x) true=0"], run.Outcomes("!(A(x) || B(x) || C(x))"));
        Assert.Equal(["A(x) false=1", "A(x) true=3", "B(x) false=1", "B(x) true=2"], run.Outcomes("!(A(x) && B(x))"));
        Assert.Equal(twoOperands, run.Outcomes("if (!(A(x) || B(x)))"));
        Assert.Equal(twoOperands, run.Outcomes("var none = !(A(x) || B(x));"));
        // "a :-b": 'a' is kept; ' ', ':' and '-' are each the operand that decides; 'b' kept.
        Assert.Equal(["c == '-' false=2", "c == '-' true=1", "c == ':' false=3", "c == ':' true=1", "char.IsWhiteSpace(c) false=4", "char.IsWhiteSpace(c) true=1"],
            run.Outcomes("c => !(char.IsWhiteSpace(c)"));
        // Inside a kept `||` (Markdig ParagraphBlockParser.cs:130): `parent is int` was false twice,
        // named `true=2` before in both builds.
        Assert.Equal(["!lazy false=3", "!lazy true=0", "parent is int false=2", "parent is int true=1", "parent is string false=3", "parent is string true=0"],
            run.Outcomes("bool isSet = !lazy || !(parent is string || parent is int);"));
    }

    private const string AndSource = """
        public static class Target
        {
            public static void Run()
            {
                Returned(-1, true); Returned(-1, false); Returned(3, true); Returned(-2, true);
                Stored(-1, true); Stored(-1, false); Stored(3, true); Stored(-2, true);
            }
            static bool A(int x) => x > 0;
            static bool B(int x) => x > 5;
            public static bool Returned(int x, bool c) => !(A(x) || B(x)) && c;
            public static bool Stored(int x, bool c)
            {
                var both = !(A(x) || B(x)) && c;
                return both;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void A_plain_bool_after_a_negated_chain_kept_as_a_value_is_a_condition_of_its_own(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("negated-chain-and", "NegatedChainAnd", AndSource, CoverageMode.Count, optimization: optimization);
        // x = -1, -1, 3, -2: A(x) true once (3); B(x) read three times, never true; c read when
        // both were false: true for -1 and -2, false for the second -1.
        string[] outcomes = ["A(x) false=3", "A(x) true=1", "B(x) false=3", "B(x) true=0", "c false=1", "c true=2"];
        Assert.Equal(outcomes, run.Outcomes("=> !(A(x) || B(x)) && c;"));
        Assert.Equal(outcomes, run.Outcomes("var both ="));
    }
}
