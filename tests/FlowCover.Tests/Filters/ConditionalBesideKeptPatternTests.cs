using FlowCover.Data;
using FlowCover.Tests.Instrumentation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>
/// A kept pattern value beside a <c>?:</c> whose condition is a comparison, as object
/// initializers write them (Stateless FixedTransitionInfo.cs:13: <c>Guards = g == null ? new
/// List() : g.Select(...), IsInternal = b is InternalBehaviour</c>). Both builds branch on the
/// <c>?:</c>'s comparison (no <c>ceq</c> is left for it), so the statement's one comparison is
/// the pattern's; <see cref="FlowCover.Instrumentation.Filters.PatternValueFilter"/> took any
/// comparison operator in the source for a possible <c>ceq</c> and gave up, and the statement
/// kept the jump form with the pattern's decision missing (the contract: N=4).
/// </summary>
public sealed class ConditionalBesideKeptPatternTests(ConditionalBesideKeptPatternTests.Runs runs) : IClassFixture<ConditionalBesideKeptPatternTests.Runs>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Linq;

        public class Guard { public List<int> Conditions = [1, 2]; }
        public class Info { public IEnumerable<string> Names = []; public bool Internal; public int Size; }

        public static class Target
        {
            public static void Run()
            {
                Create(null, 1);
                Create(new Guard(), "s");
                Create(new Guard(), 2);
                Sized(1, null);
                Sized(5, null);
                Sized(7, 3);
                Lifted(null, null);
                Lifted(1, 2);
            }

            public static Info Create(Guard? g, object o)
            {
                var info = new Info
                {
                    Names = g == null
                        ? new List<string>() : g.Conditions.Select(c => c.ToString()),
                    Internal = o is string
                };
                return info;
            }

            public static Info Sized(int n, object? o)
            {
                var info = new Info { Size = (n > 4) ? n : 0, Internal = o is null };
                return info;
            }

            // Release computes `c ? 1 : 0` as the comparison itself (`ceq`): no branch is left for
            // the `?:`, and two comparisons for one pattern.
            public static Info Lifted(int? n, object? o)
            {
                var info = new Info { Size = n == 1 ? 1 : 0, Internal = o is null };
                return info;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("conditional-beside-pattern", "ConditionalBesidePattern", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_conditional_and_the_kept_pattern_are_each_named(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal(
            [$"g == null false={Count(2)}", $"g == null true={Count(1)}", $"o is string false={Count(2)}", $"o is string true={Count(1)}"],
            run.Outcomes("var info = new Info"));
        Assert.Equal(
            [$"n > 4 false={Count(1)}", $"n > 4 true={Count(2)}", $"o is null false={Count(1)}", $"o is null true={Count(2)}"],
            run.Outcomes("Size = (n > 4)"));
        Assert.Equal(Count(3), run.Hits("return info;"));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_conditional_Release_folds_into_a_comparison_names_nothing_there(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        if (build == OptimizationLevel.Debug)
            Assert.Equal(
                [$"n == 1 false={Count(1)}", $"n == 1 true={Count(1)}", $"o is null false={Count(1)}", $"o is null true={Count(1)}"],
                run.Outcomes("Size = n == 1"));
        else
            Assert.Empty(run.Outcomes("Size = n == 1")); // An absence (no branch to count), not a guess.
    }
}
