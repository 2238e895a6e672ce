using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A field or property initializer is compiled into every constructor that does not call
/// <c>this(...)</c>: each copy is the same statement, so the line counts the runs of all of them
/// (docs/annotations.md, "Exact counts"), as the outcomes of a decision in it do. Different
/// statements on one line (a lambda's body on its caller's line) still count as the most-run one.
/// The shape of YamlDotNet YamlStream.cs:34 (the differential rerun: 55 where it ran 64).
/// </summary>
public sealed class InitializerCopyCountTests(InitializerCopyCountTests.Runs runs) : IClassFixture<InitializerCopyCountTests.Runs>
{
    private const string Source = """
        using System;
        using System.Collections.Generic;

        public class WithEmpty
        {
            private readonly List<int> xs = [];
            private readonly List<int> ys = new List<int>();
            public List<int> Items { get; } = new List<int>();
            private readonly int sign = Environment.TickCount > 0 ? 1 : -1;
            public WithEmpty() { }
            public WithEmpty(IEnumerable<int> items) { xs.AddRange(items); }
            public WithEmpty(int[] items) : this((IEnumerable<int>)items) { }
        }

        public class Derived : WithEmpty
        {
            private readonly List<int> zs = new List<int>();
            public Derived() { }
            public Derived(int n) : base(new int[n]) { }
        }

        public static class Target
        {
            public static void Run()
            {
                for (var k = 0; k < 4; k++)
                    new WithEmpty();
                for (var k = 0; k < 3; k++)
                    new WithEmpty(new List<int>());
                for (var k = 0; k < 2; k++)
                    new WithEmpty(new[] { k });
                new Derived();
                for (var k = 0; k < 2; k++)
                    new Derived(k);
                Twice(5);
            }

            public static int Twice(int n)
            {
                var f = new Func<int, int>(x => x * 2); var total = 0;
                for (var k = 0; k < n; k++)
                    total += f(k);
                return total;
            }
        }
        """;

    public sealed class Runs() : SnippetRunsByBuild("initializer-copies", "InitializerCopies", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void An_initializer_counts_the_runs_of_every_constructor_that_runs_it(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // WithEmpty(): 4 and 1 through Derived(); WithEmpty(IEnumerable<int>): 3, 2 through
        // WithEmpty(int[]) and 2 through Derived(int): 12 in all.
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 12), run.Hits("private readonly List<int> xs = [];"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 12), run.Hits("private readonly List<int> ys = new List<int>();"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 12), run.Hits("public List<int> Items { get; } = new List<int>();"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 12), run.Hits("private readonly int sign = Environment.TickCount > 0 ? 1 : -1;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("private readonly List<int> zs = new List<int>();"));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_decision_in_an_initializer_counts_the_runs_of_every_copy(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        var taken = SnippetRunsByBuild.Expected(mode, 12);
        Assert.Equal(["false=0", $"true={taken}"], run.Outcomes("private readonly int sign"));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void Different_statements_on_one_line_count_as_the_most_run(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // The statements on the line ran once each, the lambda's body 5 times: 5, not 7.
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 5), run.Hits("var f = new Func<int, int>(x => x * 2); var total = 0;"));
    }
}
