using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A property pattern of one property kept as a value (<c>var ok = s is { Length: &gt; 0 };</c>,
/// Markdig's PipeTableParser.cs:709; <c>return x is { Count: &gt; 0 };</c>) is one condition, its
/// implicit null test folded into its <c>false</c> (docs/annotations.md), in Debug and Release
/// alike. Both builds gave four outcomes: the null test as a decision of its own, and a
/// <c>false</c> that missed every null (docs/differential.md, mistake 3's kept form).
/// </summary>
public sealed class KeptPropertyPatternTests
{
    private const string Source = """
        using System.Collections.Generic;
        public static class Target
        {
            public static void Use(bool b) { }
            public static void Run()
            {
                foreach (var s in new[] { null, "", "ab" }) { Kept(s); Argument(s); }
                Returned(null); Returned(new List<int>()); Returned(new List<int> { 1 });
                Bodied(null); Bodied(new char[0]); Bodied(new[] { 'x' });
                OnlyNull(null);
            }
            public static bool Kept(string? s)
            {
                var ok = s is { Length: > 0 };
                return ok;
            }
            public static bool Returned(List<int>? x)
            {
                return x is { Count: > 0 };
            }
            public static bool Bodied(char[]? c) => c is { Length: > 0 };
            public static void Argument(string? s)
            {
                Use(s is { Length: > 0 });
            }
            public static bool OnlyNull(string? s)
            {
                return s is { Length: > 1 };
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void A_null_value_counts_as_the_patterns_false(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("kept-property-pattern", "KeptPropertyPattern", Source, CoverageMode.Count, optimization: optimization);
        Assert.Equal(["false=2", "true=1"], run.Outcomes("var ok = s is { Length: > 0 };"));
        Assert.Equal(["false=2", "true=1"], run.Outcomes("return x is { Count: > 0 };"));
        Assert.Equal(["false=2", "true=1"], run.Outcomes("=> c is { Length: > 0 };")); // an array's Length: ldlen
        Assert.Equal(["false=2", "true=1"], run.Outcomes("Use(s is { Length: > 0 });"));
        Assert.Equal(["false=1", "true=0"], run.Outcomes("return s is { Length: > 1 };"));
        Assert.Equal(3, run.Hits("return ok;"));
    }

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void In_set_mode_the_null_way_marks_false(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("kept-property-pattern-set", "KeptPropertyPatternSet", Source, CoverageMode.Set, optimization: optimization);
        Assert.Equal(["false=1", "true=0"], run.Outcomes("return s is { Length: > 1 };"));
        Assert.Equal(["false=1", "true=1"], run.Outcomes("return x is { Count: > 0 };"));
    }
}
