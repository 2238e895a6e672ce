using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A property pattern of one property tested by an <c>if</c> (<c>if (Items is { Count: &gt; 0 })</c>)
/// is one condition, its implicit null test folded into its <c>false</c> (docs/annotations.md).
/// Debug computes the pattern into a join before testing it, and the null test's way into the
/// join was read as a decision of its own, the condition's <c>false</c> then missing every null:
/// Markdig's <c>if (parser.OpeningCharacters is { Length: &gt; 0 })</c> showed <c>false</c> never
/// taken, though the pattern was false 12,898 times (docs/differential.md).
/// </summary>
public sealed class PropertyPatternJoinTests
{
    private const string Source = """
        using System.Collections.Generic;
        public static class Target
        {
            public static List<int>? Items;
            public static char[]? Chars;
            public static void Run()
            {
                Count(); Items = new List<int>(); Count(); Items.Add(1); Count();
                Local(null); Local(null); Local("ab");
                First(); Chars = new char[0]; First(); Chars = new[] { 'x' }; First();
            }
            public static int Count()
            {
                if (Items is { Count: > 0 })
                    return Items.Count;
                return 0;
            }
            public static int Local(string? s)
            {
                if (s is { Length: > 0 })
                    return 1;
                return 0;
            }
            public static int First()
            {
                if (Chars is { Length: > 0 })
                    return Chars[0];
                return 0;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void A_null_value_is_the_conditions_false(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("property-pattern-join", "Patterns", Source, CoverageMode.Count, optimization: optimization);
        Assert.Equal(["false=2", "true=1"], run.Outcomes("if (Items is { Count: > 0 })"));
        Assert.Equal(["false=2", "true=1"], run.Outcomes("if (s is { Length: > 0 })"));
        Assert.Equal(["false=2", "true=1"], run.Outcomes("if (Chars is { Length: > 0 })")); // an array's Length: ldlen, no getter
    }
}
