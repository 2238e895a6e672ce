using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// Count mode where a line or an outcome is counted on more than one way, and both ways run: the
/// count is the number of times it ran, never the larger of two counts (docs/annotations.md,
/// "Exact counts"). One case per rule that counts a line or an outcome in several places: a
/// <c>break;</c> that keeps its own <c>br</c> after <c>if (c) { ... }</c> (Release sends the
/// condition's false branch past it); an outer loop's <c>break;</c> that an inner one, guarded by
/// <c>||</c>, is threaded past; <c>if (a || b) { break; }</c>, which Release folds into both
/// operands' branches; a switch arm reached through several operands of its <c>when</c>s.
/// </summary>
public sealed class ExactCountTests(ExactCountTests.Runs runs) : IClassFixture<ExactCountTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Section(1, true);
                Section(1, false);
                Section(1, false);
                Find(new object[] { "a", 5 });
                Find(new object[] { "a", "b" });
                Find(new object[] { "a", "x" });
                Find(new object[] { "a" });
                Sum(new[] { 1, -1 });
                Sum(new[] { 2, 200 });
                Sum(new[] { 3, 4 });
                Classify(5);
                Classify(-5);
                Classify(0);
                Classify("abc");
                Classify("x");
                Classify(1.5);
            }

            public static int Section(int type, bool open)
            {
                var result = 0;
                switch (type)
                {
                    case 1:
                        result = 5;
                        if (open)
                        {
                            result++;
                        }
                        break;
                    case 2:
                        result = 7;
                        break;
                }
                return result;
            }

            private static bool Try(object o, out int n)
            {
                n = o is "x" ? 9 : 1;
                return o is string;
            }

            public static int Find(object[] items)
            {
                var total = 0;
                for (var i = 0; i < items.Length; i++)
                {
                    for (var j = i + 1; j < items.Length; j++)
                    {
                        if (!Try(items[j], out var c) || c > 5)
                        {
                            break;
                        }
                        total += c;
                    }
                    break;
                }
                return total;
            }

            public static int Sum(int[] values)
            {
                var sum = 0;
                foreach (var value in values)
                {
                    if (value < 0 || value > 100)
                    {
                        break;
                    }
                    sum += value;
                }
                return sum;
            }

            private static bool Check(int n) => n % 5 == 0;

            public static string Classify(object value) => value switch
            {
                int n when n > 0 && Check(n) || n == -5 => "special",
                string s when s.Length > 2 && s.StartsWith('a') => "a-word",
                _ => "other",
            };
        }
        """;

    /// <summary>The snippet run once in count mode in each build, for all the tests.</summary>
    public sealed class Runs
    {
        internal SnippetRun Release { get; } = SnippetRun.Run("exact-count", "ExactCount", Source, CoverageMode.Count);

        internal SnippetRun Debug { get; } = SnippetRun.Run("exact-count", "ExactCount", Source, CoverageMode.Count, optimization: OptimizationLevel.Debug);
    }

    [Fact]
    public void A_break_after_an_if_counts_its_own_br_and_the_branch_past_it()
    {
        Assert.Equal(3, runs.Release.Hits("break;"));     // Section: once by its own `br` (open), twice by `if (open)`'s false branch past it
        Assert.Equal(3, runs.Release.Hits("return result;"));
    }

    [Fact]
    public void An_outer_break_counts_its_own_br_and_the_inner_breaks_threaded_past_it()
    {
        Assert.Equal(2, runs.Release.Hits("break;", 2));  // the inner break: `!Try(...)` once ("a", 5), `c > 5` once ("a", "x")
        Assert.Equal(1, runs.Release.Hits("total += c;"));
        Assert.Equal(4, runs.Release.Hits("break;", 3));  // the outer break: twice through the inner one, twice by its own `br`
        Assert.Equal(4, runs.Release.Hits("return total;"));
    }

    [Fact]
    public void A_break_folded_into_both_operands_of_an_or_counts_each()
    {
        Assert.Equal(2, runs.Release.Hits("break;", 4));  // Sum: `value < 0` once, `value > 100` once
        Assert.Equal(3, runs.Release.Hits("return sum;"));
    }

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void An_arm_reached_through_several_operands_of_whens_counts_each(OptimizationLevel build)
    {
        var run = build == OptimizationLevel.Debug ? runs.Debug : runs.Release;
        Assert.Equal(6, run.Hits("public static string Classify(object value) => value switch"));
        // "special": 5 through `Check(n)`, -5 through `n == -5`; "other": 0 when `n == -5` is
        // false, "x" when `s.Length > 2` is false, 1.5 matching no type.
        Assert.Equal(["arm 1=2", "arm 2=1", "arm 3=3"], run.Outcomes("value switch").Where(o => o.StartsWith("arm ", StringComparison.Ordinal)));
    }
}
