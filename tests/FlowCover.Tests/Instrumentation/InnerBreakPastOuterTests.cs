using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// An outer loop's <c>break;</c> right after an inner loop left by <c>break;</c>s that end a block
/// after other statements (<c>{ n += 1; break; }</c>): each keeps its own <c>br</c>, which Release
/// sends straight to where the outer <c>break;</c> goes, past its own <c>br</c>. Each run of an
/// inner one is one more run of the outer one (docs/annotations.md). The shape of Markdig
/// PipeTableParser.cs:690-760; the counts are Debug's. With <c>while (true)</c> as the outer loop,
/// Release gives the outer <c>break;</c> no code at all (the inner loop's ways and its condition
/// go straight past it), nor the inner <c>if (!Ok(...)) { break; }</c>, whose branch goes there too.
/// </summary>
public sealed class InnerBreakPastOuterTests(InnerBreakPastOuterTests.Runs runs, InnerBreakPastOuterTests.WhileTrueRuns whileTrueRuns)
    : IClassFixture<InnerBreakPastOuterTests.Runs>, IClassFixture<InnerBreakPastOuterTests.WhileTrueRuns>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Outer(new[] { 7 });
                Outer(new[] { 1, 7 });
                Outer(new[] { -1 });
                Outer(new[] { 1, 2 });
                Outer(new int[0]);
            }

            private static bool Ok(int v) => v >= 0;

            public static int Outer(int[] xs)
            {
                int n = 0;
                for (int k = 0; k < 3; k++)
                {
                    for (int i = 0; i < xs.Length; i++)
                    {
                        if (xs[i] == 7)
                        {
                            n += 1;
                            break;
                        }
                        if (!Ok(xs[i]))
                        {
                            break;
                        }
                        n += 10;
                        if (i == xs.Length - 1)
                        {
                            n += 100;
                            break;
                        }
                    }
                    break;
                }
                if (n > 50)
                {
                    n -= 1;
                }
                return n;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("inner-break-past-outer", "InnerBreakPastOuter", Source);

    /// <summary>The snippet with <c>while (true)</c> as the outer loop.</summary>
    public sealed class WhileTrueRuns() : SnippetRunsByBuild("inner-break-past-while-true", "InnerBreakPastWhileTrue", Source.Replace("for (int k = 0; k < 3; k++)", "while (true)", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_outer_break_counts_every_inner_break_threaded_past_it(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 2), run.Hits("break;"));    // {7}, {1, 7}
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("break;", 1)); // {-1}
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("break;", 2)); // {1, 2}
        // Once per call: the three inner ways and the inner loop's condition.
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 5), run.Hits("break;", 3));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 5), run.Hits("return n;"));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void Under_while_true_the_outer_break_and_the_inner_if_break_count_as_in_Debug(OptimizationLevel build, CoverageMode mode)
    {
        var run = whileTrueRuns.Get(build, mode);
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 5), run.Hits("while (true)"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 2), run.Hits("break;"));    // {7}, {1, 7}
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 4), run.Hits("if (!Ok(xs[i]))"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("break;", 1)); // {-1}
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("break;", 2)); // {1, 2}
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 5), run.Hits("break;", 3)); // The outer one.
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 5), run.Hits("return n;"));
    }
}
