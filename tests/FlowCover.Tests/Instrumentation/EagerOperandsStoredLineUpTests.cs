using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// <c>if (s is { Length: &gt; 2 } &amp;&amp; f &amp;&amp; q)</c> in an iterator: the compiler evaluates
/// <c>f</c> and <c>q</c> eagerly (<c>and</c>, <c>and</c>) and Debug stores the result in a
/// temporary before its branch, so no test is <c>f</c>'s or <c>q</c>'s. Lined up by number, the
/// pattern's null test, its compare and the whole condition's branch took the names
/// <c>Length: &gt; 2</c>, <c>f</c> and <c>q</c> (seed 10:2641 of BuildsAgreeTests, found by its
/// OutcomeTruth: <c>q false 5</c> where <c>q</c> never ran false). A statement whose code combines
/// conditions eagerly, however the result is then tested, is not named by lining up.
/// </summary>
public sealed class EagerOperandsStoredLineUpTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        public static class Target
        {
            public static IEnumerable<int> F(string? s, bool f, bool q)
            {
                var t = 0;
                if (s is { Length: > 2 } && f && q)
                    t++;
                yield return t;
            }
            public static void Run()
            {
                foreach (var (s, f, q) in new (string?, bool, bool)[] { ("abcd", true, false), ("a", true, true), (null, false, false), ("abcd", false, true), ("xyz", true, true) })
                    foreach (var _ in F(s, f, q)) { }
            }
        }
        """;

    /// <summary>Worked out by hand, as the source runs them: the pattern is true for "abcd",
    /// "abcd" and "xyz"; <c>f</c> runs on those (true, false, true) and <c>q</c> where <c>f</c>
    /// was true (false, true).</summary>
    private static readonly Dictionary<string, long> Truth = new()
    {
        ["f true"] = 2,
        ["f false"] = 1,
        ["q true"] = 1,
        ["q false"] = 1,
    };

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void An_operand_named_carries_its_own_runs(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("eager-stored-lineup", "EagerStoredLineUp", Source, CoverageMode.Count, optimization: optimization);
        run.AssertNamedRuns("if (s is { Length: > 2 } && f && q)", Truth);
    }
}
