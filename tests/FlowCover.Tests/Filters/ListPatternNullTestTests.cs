using FlowCover.Data;
using FlowCover.Tests.Instrumentation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>
/// A list pattern that tests only the length (<c>arr is [_, ..]</c>) is one condition whose
/// <c>false</c> counts every run where the pattern failed, a null array or one too short
/// (docs/annotations.md). The compiler tests null, then <c>Length</c>: Debug stored the result and
/// named it by its value with the null test apart in the jump form, Release left both tests in the
/// jump form (BuildsAgreeTests: 205 LABEL lines). The inputs are null, <c>[]</c>, <c>[1]</c> and
/// <c>[1, 2]</c>: the pattern fails twice (once each way) and matches twice.
/// </summary>
public sealed class ListPatternNullTestTests(ListPatternNullTestTests.Runs runs) : IClassFixture<ListPatternNullTestTests.Runs>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        public static class Target
        {
            public static void Run()
            {
                foreach (var a in new int[][] { null!, new int[0], new[] { 1 }, new[] { 1, 2 } })
                {
                    Tested(a, 0);
                    Kept(a);
                    Both(a, true);
                    Either(a, false);
                    Loop(a);
                    foreach (var _ in Iterate(a, 0)) { }
                    Wait(a, 0).GetAwaiter().GetResult();
                }
            }
            public static int Tested(int[] arr, int t)
            {
                if (arr is [_, ..])
                    t++;
                return t;
            }
            public static bool Kept(int[] arr)
            {
                var b = arr is [_, ..];
                return b;
            }
            public static int Both(int[] arr, bool f)
            {
                if (f && arr is [_, ..])
                    return 1;
                return 0;
            }
            public static int Either(int[] arr, bool f)
            {
                if (f || arr is [_, ..])
                    return 1;
                return 0;
            }
            public static int Loop(int[] arr)
            {
                var t = 0;
                while (arr is [_, ..] && t < 2)
                    t++;
                return t;
            }
            public static IEnumerable<int> Iterate(int[] arr, int t)
            {
                if (arr is [_, ..])
                    t++;
                yield return t;
            }
            public static async Task<int> Wait(int[] arr, int t)
            {
                await Task.Yield();
                if (arr is [_, ..])
                    t++;
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("list-pattern-null-test", "ListPatternNullTest", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_null_test_is_the_patterns_false(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        List<string> Expect(params (string Label, long Count)[] outcomes) =>
            [.. outcomes.Select(o => $"{o.Label}={SnippetRunsByBuild.Expected(mode, o.Count)}").Order(StringComparer.Ordinal)];
        Assert.Equal(Expect(("true", 2), ("false", 2)), run.Outcomes("if (arr is [_, ..])", 0));
        Assert.Equal(Expect(("true", 2), ("false", 2)), run.Outcomes("var b = arr is [_, ..];"));
        // A text with a comma is named by its place (annotations.md).
        Assert.Equal(Expect(("f true", 4), ("f false", 0), ("operand 2 true", 2), ("operand 2 false", 2)), run.Outcomes("if (f && arr is [_, ..])"));
        Assert.Equal(Expect(("f true", 0), ("f false", 4), ("operand 2 true", 2), ("operand 2 false", 2)), run.Outcomes("if (f || arr is [_, ..])"));
        // [1] and [1, 2] go round twice each and leave by `t < 2`.
        Assert.Equal(Expect(("operand 1 true", 6), ("operand 1 false", 2), ("t < 2 true", 4), ("t < 2 false", 2)), run.Outcomes("while (arr is [_, ..] && t < 2)"));
        // In an iterator and an async method the array is a field of the state machine.
        Assert.Equal(Expect(("true", 2), ("false", 2)), run.Outcomes("if (arr is [_, ..])", 1));
        Assert.Equal(Expect(("true", 2), ("false", 2)), run.Outcomes("if (arr is [_, ..])", 2));
    }
}
