using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// An <c>or</c> of ranges is tested by the compiler as a binary search of their bounds, not in
/// the order written (<c>x is &gt;= 1 and &lt;= 5 or &gt;= 10 and &lt;= 20</c>: <c>x &lt; 10</c>
/// first). Its tests are as many as the written relations, but lined up one to one they named
/// <c>x &lt; 10</c> <c>is &gt;= 1</c>: a relation is lined up only with a test of its own bound,
/// so such a statement keeps the jump form (docs/annotations.md). Ranges tested in the written
/// order (<c>c is &gt;= 'a' and &lt;= 'z' or '_'</c>) are named each, as before.
/// </summary>
public sealed class RelationSearchLabelTests
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Two(0); Two(3); Two(7); Two(12); Two(30);
                Ch('a'); Ch('_'); Ch('A');
            }
            public static int Two(int x)
            {
                if (x is >= 1 and <= 5 or >= 10 and <= 20)
                    return 1;
                return 0;
            }
            public static int Ch(char c)
            {
                if (c is >= 'a' and <= 'z' or '_')
                    return 1;
                return 0;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void Ranges_searched_by_their_bounds_keep_the_jump_form(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("relation-search", "Labelled", Source, CoverageMode.Count, optimization: optimization);
        // x < 10 five times (3 below), x <= 20 twice, x >= 1 three times, x <= 5 twice: 12 evaluations.
        Assert.Equal(optimization == OptimizationLevel.Debug
                ? ["going on to line 10=2", "going on to line 10=2", "going on to line 12=1", "going on to line 12=1",
                    "the jump to line 10=3", "the jump to line 11=1", "the jump to line 11=1", "the jump to line 12=1"]
                : ["going on to line 10=2", "going on to line 10=2", "going on to line 11=1", "going on to line 12=1",
                    "the jump to line 10=3", "the jump to line 11=1", "the jump to line 12=1", "the jump to line 12=1"],
            run.Outcomes("if (x is >= 1 and <= 5 or >= 10 and <= 20)"));
        Assert.Equal(["is '_' false=1", "is '_' true=1", "is <= 'z' false=0", "is <= 'z' true=1", "is >= 'a' false=2", "is >= 'a' true=1"],
            run.Outcomes("if (c is >= 'a' and <= 'z' or '_')"));
    }
}
