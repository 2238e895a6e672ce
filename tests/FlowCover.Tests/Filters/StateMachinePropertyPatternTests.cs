using FlowCover.Data;
using FlowCover.Tests.Instrumentation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>
/// A property pattern in an iterator or async method, where the value tested lives in a field of
/// the state machine: its implicit null test is <c>ldarg.0; ldfld s; brfalse</c>, then
/// <c>ldarg.0; ldfld s; callvirt get_Length</c>. <see
/// cref="FlowCover.Instrumentation.Filters.PropertyPatternNullTestFilter"/> read only a local or
/// parameter, so the null test stayed two outcomes of its own in both builds (the contract says
/// N=2, a null counted as <c>false</c>), and Release, which tests <c>Length</c> directly, named
/// none (BuildsAgreeTests: the largest LABEL shape, <c>if (s is { Length: &gt; 2 })</c> in
/// iterators and async methods).
/// </summary>
public sealed class StateMachinePropertyPatternTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        public static class Target
        {
            public static void Run()
            {
                foreach (var s in new[] { "abc", null, "a" })
                {
                    foreach (var _ in Iterate(s!, 1)) { }
                    Wait(s!, 1).GetAwaiter().GetResult();
                }
            }
            public static IEnumerable<int> Iterate(string s, int t)
            {
                if (s is { Length: > 2 })
                    t++;
                yield return t;
                var ok = s is { Length: > 1 };
                yield return ok ? 1 : 2;
            }
            public static async Task<int> Wait(string s, int t)
            {
                await Task.Yield();
                if (s is { Length: > 0 })
                    t++;
                return t;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void The_null_test_is_the_patterns_false_in_a_state_machine(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("state-machine-property-pattern", "StateMachinePropertyPattern", Source, CoverageMode.Count, optimization: optimization);
        Assert.Equal(["false=2", "true=1"], run.Outcomes("if (s is { Length: > 2 })"));
        // Kept as a value, Release computes it in a shape no filter reads yet: both builds keep the
        // null test as two outcomes of its own (not the contract's N=2), so they still agree.
        Assert.Equal(4, run.Outcomes("var ok = s is { Length: > 1 };").Count);
        Assert.Equal(["false=1", "true=2"], run.Outcomes("if (s is { Length: > 0 })"));
    }
}
