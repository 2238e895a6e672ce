using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// Twin returns Release merges, the <c>if</c>'s test dropped (both ways return <c>t</c>), seen
/// from the code around them. A <c>break;</c> the <c>if</c> goes on to that lands on the second
/// <c>return t;</c> (seed 61:3902, 78:349) ran when the <c>if</c> went that way, which no
/// instruction tells once the test is gone; the code it lands on also runs when the
/// <c>default</c> section falls into it, and counting that gave the <c>break;</c> the
/// <c>default</c>'s runs. A list pattern's <c>if</c> (seed 66:3233) keeps only the pattern's null
/// test, its length compared and popped; named as the whole condition, that branch counted every
/// array that was not null as the pattern matching. Release leaves out the <c>break;</c> and
/// those outcomes (docs/annotations.md); Debug counts both exactly.
/// </summary>
public sealed class MergedTwinJumpTests(MergedTwinJumpTests.Runs runs) : IClassFixture<MergedTwinJumpTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Section(20, 3, 0);
                Section(20, 1, 0);
                Section(5, 3, 0);
                Section(3, 3, 0);
                Section(7, 1, 0);
                Listed(new[] { 1 }, 0);
                Listed(new int[0], 0);
                Listed(null, 0);
                Listed(new[] { 1, 2 }, 0);
            }

            public static int Section(int y, int? n, int t)
            {
                switch (y)
                {
                    case 20:
                        if (n > 2)
                            return t;
                        break;
                    default:
                        t += 12 / (y - 1);
                        break;
                }
                return t;
            }

            public static int Listed(int[] arr, int t)
            {
                t += 1;
                if (arr is [_, ..])
                    return t;
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("merged-twin-jump", "MergedTwinJump", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_onto_a_merged_twin_counts_in_Debug_and_is_left_out_in_Release(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        var debug = build == OptimizationLevel.Debug;
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 2), run.Hits("if (n > 2)"));
        // Case 20 with n 1, once; the default section's three runs fall into `return t;`, not here.
        Assert.Equal(debug ? SnippetRunsByBuild.Expected(mode, 1) : null, run.HitsOrNone("break;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("break;", 1));
        Assert.Equal(debug ? SnippetRunsByBuild.Expected(mode, 1) : null, run.HitsOrNone("return t;"));
        Assert.Equal(debug ? SnippetRunsByBuild.Expected(mode, 4) : null, run.HitsOrNone("return t;", 1));
        Assert.Equal(debug ? [$"false={SnippetRunsByBuild.Expected(mode, 1)}", $"true={SnippetRunsByBuild.Expected(mode, 1)}"] : [], run.Outcomes("if (n > 2)"));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_list_pattern_between_merged_twins_names_its_outcomes_in_Debug_only(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        var debug = build == OptimizationLevel.Debug;
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 4), run.Hits("if (arr is [_, ..])"));
        // [1] and [1, 2] match; [] and null do not. Release tests only null: 3 and 1.
        var two = SnippetRunsByBuild.Expected(mode, 2);
        Assert.Equal(debug ? [$"false={two}", $"true={two}"] : [], run.Outcomes("if (arr is [_, ..])"));
        Assert.Equal(debug ? two : null, run.HitsOrNone("return t;", 2));
        Assert.Equal(debug ? two : null, run.HitsOrNone("return t;", 3));
    }
}
