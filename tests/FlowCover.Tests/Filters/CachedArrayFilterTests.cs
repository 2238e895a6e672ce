using FlowCover.Instrumentation.Filters;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>What <see cref="CachedArrayFilter"/> alone tells its output (see <see cref="FilterRun"/>).
/// The cast is the conversion C# 14 makes implicitly for <c>(new[] { ... }).Contains(s)</c>
/// (the tests' compiler is C# 13): the same IL.</summary>
public sealed class CachedArrayFilterTests
{
    private const string Source = """
        using System;
        public static class C
        {
            public static int F(string s)
            {
                if (((ReadOnlySpan<string>)new[] { "\r\n", "\r", "\n" }).Contains(s))
                    return 1;
                return s == null ? 2 : 0;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void Cached_array_filter_ignores_the_null_test_of_an_array_kept_for_a_span(OptimizationLevel optimization)
    {
        // The `if` and the `?:` are the user's; only the cache's test is ignored.
        Assert.Equal(["ignore branch 6 brtrue.s"], FilterRun.Apply(new CachedArrayFilter(), Source, "F", optimization));
    }
}
