using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>?.</c> whose receiver is a local or a parameter, in a condition (<c>if (x?.Length &gt; 0)</c>,
/// <c>while (node?.Next is not null)</c>): the compiler tests the variable itself, not a copy, so
/// the test was not known as the <c>?.</c>'s and the statement had one test more than its
/// conditions: every outcome kept the jump form. Its outcomes are <c>null</c> and <c>not null</c>
/// where the compiler joins both ways before the statement's own test, which then counts both
/// (docs/annotations.md). Release skips the comparison on null in <c>if (x?.Length &gt; 0)</c> (the
/// null test jumps to the <c>else</c>): there the comparison's <c>false</c> would count only the
/// non-null values, and the jump form stays.
/// </summary>
public sealed class ConditionalAccessLabelTests
{
    private const string Source = """
        using System.Linq;
        public sealed class Node { public Node? Next; public Node? Parent; public string? Value; }
        public static class Target
        {
            public static void Run()
            {
                var root = new Node();
                var leaf = new Node { Parent = new Node { Parent = root } };
                var n = new Node { Next = new Node { Value = "t" }, Value = "t" };
                Len("a"); Len(null); Len("");
                Eq(n, "t"); Eq(null, "t"); Eq(n, "u");
                Walk(n); Walk(null);
                Deep(n); Deep(null); Deep(new Node());
                Up(leaf, root); Up(null, root);
                Any(null); Any([1]);
            }
            public static int Len(string? x)
            {
                if (x?.Length > 0)
                    return 1;
                return 0;
            }
            public static int Eq(Node? node, string type)
            {
                if (node?.Value == type)
                    return 1;
                return 0;
            }
            public static int Walk(Node? node)
            {
                var n = 0;
                while (node?.Next is not null)
                {
                    node = node.Next;
                    n++;
                }
                return n;
            }
            public static int Deep(Node? node)
            {
                if (node?.Next?.Value != null)
                    return 1;
                return 0;
            }
            public static Node? Up(Node? a, Node root)
            {
                while (a?.Parent != null && a.Parent != root)
                    a = a.Parent;
                return a;
            }
            public static int Any(System.Collections.Generic.List<int>? xs)
            {
                if (xs?.Any() ?? false)
                    return 1;
                return 0;
            }
        }
        """;

    private static readonly string[] OneEach = ["false=2", "not null=2", "null=1", "true=1"];

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void The_receiver_test_is_null_or_not_null_where_both_ways_reach_the_condition(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("conditional-access", "Access", Source, CoverageMode.Count, optimization: optimization);
        Assert.Equal(OneEach, run.Outcomes("if (node?.Value == type)"));
        Assert.Equal(OneEach, run.Outcomes("while (node?.Next is not null)"));
        Assert.Equal(["a.Parent != root false=1", "a.Parent != root true=1", "a?.Parent != null false=1", "a?.Parent != null true=2", "not null=2", "null=1"],
            run.Outcomes("while (a?.Parent != null && a.Parent != root)"));
    }

    [Fact]
    public void Debug_joins_before_the_comparison()
    {
        var run = SnippetRun.Run("conditional-access", "Access", Source, CoverageMode.Count, optimization: OptimizationLevel.Debug);
        Assert.Equal(OneEach, run.Outcomes("if (x?.Length > 0)"));
        Assert.Equal(["false=2", "not null=1", "not null=2", "null=1", "null=1", "true=1"], run.Outcomes("if (node?.Next?.Value != null)"));
        Assert.Equal(["false=1", "not null=1", "null=1", "true=1"], run.Outcomes("if (xs?.Any() ?? false)"));
    }

    [Fact]
    public void Release_skipping_the_comparison_on_null_keeps_the_jump_form()
    {
        var run = SnippetRun.Run("conditional-access", "Access", Source, CoverageMode.Count, optimization: OptimizationLevel.Release);
        foreach (var condition in new[] { "if (x?.Length > 0)", "if (xs?.Any() ?? false)" })
        {
            var outcomes = run.Outcomes(condition);
            Assert.Equal(4, outcomes.Count);
            Assert.All(outcomes, o => Assert.True(o.StartsWith("the jump to ", StringComparison.Ordinal) || o.StartsWith("going on to ", StringComparison.Ordinal), o));
        }
    }
}
