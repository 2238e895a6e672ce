using FlowCover.Data;
using FlowCover.Instrumentation.Filters;
using FlowCover.Tests.Instrumentation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>
/// A finally the user wrote that starts with a <c>try</c> of its own: Release opens it with a
/// hidden <c>nop</c> (the handler and the inner <c>try</c> cannot start at one instruction), and
/// <see cref="FinallyPlumbingFilter"/> took it for a compiler's finally (a dispose), dropping
/// every decision in it: Release lost the <c>if</c>, <c>??=</c>, <c>?.</c> and <c>?:</c> after the
/// inner <c>try</c> (BuildsAgreeTests, 8 DECISION lines on seeds 4 and 7).
/// </summary>
public sealed class FinallyWithTryFilterTests
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Work(1, null, "a");
                Work(2, 3, null);
                Dispose(new System.IO.MemoryStream());
                Dispose(null);
            }
            public static int Work(int x, int? n, string? s)
            {
                var t = 0;
                try
                {
                    t++;
                }
                finally
                {
                    try
                    {
                        t += x;
                    }
                    catch (System.InvalidOperationException)
                    {
                        t--;
                    }
                    var b = x > 1;
                    if (b)
                        t += 5;
                    n ??= 4;
                    t += s?.Length ?? -1;
                }
                return t + n.Value;
            }
            public static int Dispose(System.IO.Stream? stream)
            {
                using (stream)
                {
                    return 1;
                }
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void The_users_finally_keeps_its_decisions_and_a_dispose_does_not(OptimizationLevel optimization)
    {
        Assert.Empty(FinallyIgnores("Work", optimization));
        // The `using`'s finally, `if (stream != null) stream.Dispose()`, is still the compiler's.
        Assert.Single(FinallyIgnores("Dispose", optimization));
    }

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void Both_builds_count_the_decisions_after_the_inner_try(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("finally-with-try", "FinallyWithTry", Source, CoverageMode.Count, optimization: optimization);
        Assert.Equal(["false=1", "true=1"], run.Outcomes("if (b)"));
        Assert.Equal(["not null=1", "null=1"], run.Outcomes("n ??= 4;"));
        Assert.Equal(["not null=1", "null=1"], run.Outcomes("t += s?.Length ?? -1;"));
    }

    private static IReadOnlyList<string> FinallyIgnores(string method, OptimizationLevel optimization) =>
        FilterRun.Apply(new FinallyPlumbingFilter(), Source, method, optimization);
}
