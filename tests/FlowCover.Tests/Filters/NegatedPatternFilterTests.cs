using FlowCover.Instrumentation.Filters;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>
/// A <c>not</c> over a pattern of several tests: Debug negates the operand's stored value into the
/// <c>if</c>'s temporary (<c>ldloc; ldc.i4.0; ceq; stloc</c>) and tests that under a hidden point.
/// </summary>
public sealed class NegatedPatternFilterTests
{
    private const string Negated = """
        public static class C
        {
            public static int F(int[]? rates)
            {
                if (rates is not (null or []))
                    return 1;
                return 0;
            }

            public static int G(int[]? rates)
            {
                var stored = rates is null or [];
                var negated = !stored;
                if (negated)
                    return 1;
                return 0;
            }
        }
        """;

    /// <summary>The pattern's two tests stay; the test of their negated value is ignored.</summary>
    [Fact]
    public void Negated_pattern_filter_ignores_the_test_of_the_negated_value()
    {
        var said = FilterRun.Apply(new NegatedPatternFilter(), Negated, "F", OptimizationLevel.Debug);
        Assert.Equal(["ignore branch 5 brfalse.s"], said);
    }

    /// <summary>A value the user negated and tested in statements of their own is their decision.</summary>
    [Fact]
    public void Negated_pattern_filter_leaves_a_negation_the_user_wrote()
    {
        var said = FilterRun.Apply(new NegatedPatternFilter(), Negated, "G", OptimizationLevel.Debug);
        Assert.Empty(said);
    }
}
