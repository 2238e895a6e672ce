using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A snippet run once per build and coverage mode, on first use, for a test class whose facts
/// assert the same counts in Debug and Release, in count and set mode (set mode reads 1 for any
/// count above 0).
/// </summary>
public abstract class SnippetRunsByBuild(string name, string assembly, string source)
{
    private readonly Dictionary<(OptimizationLevel, CoverageMode), SnippetRun> _runs = [];

    /// <summary>Each build with each mode, for a theory's data.</summary>
    public static TheoryData<OptimizationLevel, CoverageMode> Builds => new()
    {
        { OptimizationLevel.Debug, CoverageMode.Count },
        { OptimizationLevel.Release, CoverageMode.Count },
        { OptimizationLevel.Debug, CoverageMode.Set },
        { OptimizationLevel.Release, CoverageMode.Set },
    };

    /// <summary>What a line that ran <paramref name="count"/> times reads in <paramref name="mode"/>.</summary>
    public static long Expected(CoverageMode mode, long count) => mode == CoverageMode.Count ? count : Math.Min(count, 1);

    /// <summary>Asserts the outcomes the source names on the line holding <paramref name="text"/>
    /// (those not in the jump form), each label with what its count reads in
    /// <paramref name="mode"/>, in any order.</summary>
    internal void AssertNamed(OptimizationLevel build, CoverageMode mode, string text, IEnumerable<(string Label, long Count)> expected)
    {
        var named = Get(build, mode).Outcomes(text).Where(o => !o.StartsWith("the jump to", StringComparison.Ordinal) && !o.StartsWith("going on to", StringComparison.Ordinal));
        Assert.Equal([.. expected.Select(e => $"{e.Label}={Expected(mode, e.Count)}").Order(StringComparer.Ordinal)], named);
    }

    internal SnippetRun Get(OptimizationLevel build, CoverageMode mode)
    {
        lock (_runs)
        {
            if (!_runs.TryGetValue((build, mode), out var run))
                _runs[(build, mode)] = run = SnippetRun.Run($"{name}-{mode}", assembly, source, mode, optimization: build);
            return run;
        }
    }
}
