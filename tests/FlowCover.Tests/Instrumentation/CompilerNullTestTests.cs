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
/// conversion to <c>ReadOnlySpan</c> C# 14 makes implicitly: the IL is the same.
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
}
