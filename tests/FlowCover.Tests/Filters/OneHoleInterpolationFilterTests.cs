using FlowCover.Instrumentation.Filters;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>What <see cref="OneHoleInterpolationFilter"/> alone tells its output (see <see cref="FilterRun"/>).</summary>
public sealed class OneHoleInterpolationFilterTests
{
    private const string Source = """
        using System.Text;
        public static class C
        {
            static string Esc(string s) => s + "!";
            public static string Hole(string s) => new StringBuilder($"{Esc(s)}").ToString();
            public static string Written(string s) => new StringBuilder(Esc(s) ?? "").ToString();
            public static string Both(string s) => $"{Esc(s)}" + (s ?? "");
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void One_hole_interpolation_filter_ignores_the_null_test_of_the_hole_alone(OptimizationLevel optimization)
    {
        Assert.Equal(["ignore branch 5 brtrue.s"], FilterRun.Apply(new OneHoleInterpolationFilter(), Source, "Hole", optimization));
        // A `?? ""` the user wrote is the same IL: a decision.
        Assert.Empty(FilterRun.Apply(new OneHoleInterpolationFilter(), Source, "Written", optimization));
        // Both in one statement: which test is whose is not known, so both stay counted.
        Assert.Empty(FilterRun.Apply(new OneHoleInterpolationFilter(), Source, "Both", optimization));
    }
}
