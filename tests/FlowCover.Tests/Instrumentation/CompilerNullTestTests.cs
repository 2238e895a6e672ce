using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// Null tests the compiler makes on the user's behalf are no decisions (docs/annotations.md):
/// the cache of an array of constants C# 14 keeps for a span (CsvHelper ConfigurationFunctions.cs:200,
/// <c>(new[] { "\r\n", "\r", "\n" }).Contains(s)</c>), counted before as two more outcomes in the
/// jump form (docs/differential.md, "Where FlowCover is wrong", item 7). The tests' compiler
/// (Roslyn 4.14, C# 13) binds <c>Contains</c> on the array itself, so the snippet writes the
/// conversion to <c>ReadOnlySpan</c> C# 14 makes implicitly: the IL is the same. And the
/// <c>?? ""</c> an interpolated string of one string hole is lowered to (Stateless
/// UmlDotGraphStyle.cs:37, <c>new StringBuilder($"{EscapeLabel(name)}")</c>), counted before as
/// two outcomes in the jump form (item 7b); a <c>?? ""</c> written out stays a decision.
/// </summary>
public sealed class CompilerNullTestTests
{
    private const string Source = """
        using System;
        public static class Target
        {
            public static void Run()
            {
                foreach (var s in new[] { "\n", "x", "\r" })
                    Contains(s);
                OneHole("a"); OneHole("b"); Written("c");
            }
            static string Esc(string s) => s + "!";
            public static string OneHole(string s)
            {
                var b = new System.Text.StringBuilder($"{Esc(s)}");
                return b.ToString();
            }
            public static string Written(string s)
            {
                var b = new System.Text.StringBuilder(Esc(s) ?? "");
                return b.ToString();
            }
            public static int Contains(string s)
            {
                if (((ReadOnlySpan<string>)new[] { "\r\n", "\r", "\n" }).Contains(s))
                {
                    return 1;
                }
                return 0;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void An_arrays_cache_is_no_decision(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("compiler-null-test", "CompilerNullTest", Source, CoverageMode.Count, optimization: optimization);
        const string condition = "((ReadOnlySpan<string>)new[] { \"\\r\\n\", \"\\r\", \"\\n\" }).Contains(s)";
        // An `if` of one condition: its outcomes are `true` and `false` (docs/annotations.md).
        Assert.Equal(["false=1", "true=2"], run.Outcomes("if (" + condition + ")"));
        Assert.Equal(3, run.Hits("if (" + condition + ")"));
    }

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void The_null_test_of_an_interpolation_of_one_hole_is_no_decision(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("compiler-null-test", "CompilerNullTest", Source, CoverageMode.Count, optimization: optimization);
        Assert.Empty(run.Outcomes("var b = new System.Text.StringBuilder($\"{Esc(s)}\");"));
        Assert.Equal(2, run.Hits("var b = new System.Text.StringBuilder($\"{Esc(s)}\");"));
        Assert.Equal(["not null=1", "null=0"], run.Outcomes("var b = new System.Text.StringBuilder(Esc(s) ?? \"\");"));
    }
}
