using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// <c>var b = f &amp;&amp; s?.Length &gt; 1; if (b) ...</c> in an iterator: Release leaves the value
/// on the stack for the <c>if</c>, and on null pushes <c>false</c> and jumps past the compare to
/// where the ways join. The value probed at the compare counted only the non-null values:
/// <c>s?.Length &gt; 1 false 0</c> where the operand was false twice, on null (seed 24:3830 of
/// BuildsAgreeTests, found by its OutcomeTruth). A condition read through <c>?.</c> is named
/// from a value probe only where the null way's value reaches it.
/// </summary>
public sealed class NullConditionalValueProbeTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        public static class Target
        {
            public static IEnumerable<int> H(bool f, string? s)
            {
                var t = 0;
                var b = f && s?.Length > 1;
                if (b)
                    t += 5;
                yield return t;
            }
            public static void Run()
            {
                foreach (var (f, s) in new (bool, string?)[] { (true, null), (true, null), (true, "abc"), (false, "x") })
                    foreach (var _ in H(f, s)) { }
            }
        }
        """;

    /// <summary><c>f</c> is true three times; <c>s?.Length &gt; 1</c> then runs three times: null
    /// twice (false), "abc" once (true).</summary>
    private static readonly Dictionary<string, long> Truth = new()
    {
        ["f true"] = 3,
        ["f false"] = 1,
        ["s?.Length > 1 true"] = 1,
        ["s?.Length > 1 false"] = 2,
    };

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void The_operand_counts_its_null_runs_or_is_not_named(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("null-conditional-probe", "NullConditionalProbe", Source, CoverageMode.Count, optimization: optimization);
        run.AssertNamedRuns("var b = f && s?.Length > 1;", Truth);
    }
}
