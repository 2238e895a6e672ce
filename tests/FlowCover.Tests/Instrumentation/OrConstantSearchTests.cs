using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// An <c>or</c> of constants too far apart for a range check or a table (Markdig CharHelper.cs:83,
/// <c>c is '−' or '-' or '+' or '†' or '‡'</c>) compiles to a binary search: a split
/// (<c>c &gt; '-'</c>) the user never wrote, then one compare per constant, in another order than
/// written. The split made the statement one test more than its operands, so all 12 outcomes kept
/// the jump form, each "to the method's exit". The split is the compiler's (OrConstantSearchFilter)
/// and each compare is named by its constant, as an <c>or</c> tested in another order is
/// (docs/annotations.md): 10 outcomes, the contract's two per operand. Lined up in written order
/// (five compares, five operands) they would be named wrongly: each compare is checked against
/// its operand's constant.
/// </summary>
public sealed class OrConstantSearchTests
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                foreach (var c in "+x‡")
                {
                    IsSign(c); Sign(c);
                }
                NotNewLine('\r');
            }
            public static bool NotNewLine(char c) => c is not ('\r' or '\n');
            public static bool IsSign(char c) => c is '−' or '-' or '+' or '†' or '‡';
            public static int Sign(char c)
            {
                if (c is '−' or '-' or '+' or '†' or '‡')
                    return 1;
                return 0;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void The_split_is_the_compilers_and_each_compare_is_named_by_its_constant(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("or-search", "Searched", Source, CoverageMode.Count, optimization: optimization);
        // '+' matches on the low side (43 <= 45); 'x' and '‡' go to the high side, where '†' is
        // compared first, then '‡' (which matches once), then '−'. '-' is compared only for
        // values up to '-' that are not '+'; '+' is never compared on the high side.
        string[] expected = ["is '+' false=0", "is '+' true=1", "is '-' false=0", "is '-' true=0", "is '†' false=2", "is '†' true=0",
            "is '‡' false=1", "is '‡' true=1", "is '−' false=1", "is '−' true=0"];
        Assert.Equal(expected, run.Outcomes("=> c is '−' or '-' or '+' or '†' or '‡';"));
        Assert.Equal(expected, run.Outcomes("if (c is '−' or '-' or '+' or '†' or '‡')"));
    }

    /// <summary><c>c is not ('\r' or '\n')</c>: Debug compares <c>'\n'</c> first. Two compares for
    /// two operands lined up in written order, so <c>is '\r'</c> counted the compare of <c>'\n'</c>
    /// (Markdig CodeInlineParser.cs:39, a <c>Debug.Assert</c>). Each compare is now its constant's.</summary>
    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void A_compare_is_lined_up_with_the_operand_of_its_constant(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("or-search", "Searched", Source, CoverageMode.Count, optimization: optimization);
        Assert.Equal(["is '\\n' false=1", "is '\\n' true=0", "is '\\r' false=0", "is '\\r' true=1"], run.Outcomes("c is not ('\\r' or '\\n')"));
    }
}
