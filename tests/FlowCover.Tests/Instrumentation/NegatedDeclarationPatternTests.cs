using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// <c>x is not T y</c> is a pattern of one test: two outcomes, <c>true</c>/<c>false</c>, tested or
/// kept (docs/annotations.md). Where <c>x</c> is a <c>T</c> already (Markdig's Inline.cs:244,
/// <c>root is not ContainerInline container</c> on a <c>ContainerInline?</c>), the test is a null
/// test, and Debug pushes the value on its way past as <c>ldc.i4.1; ldc.i4.0; ceq</c>: the branch
/// on it was counted as a second decision (four outcomes, Release two), and kept as a value, that
/// constant was probed as the condition (<c>true</c> never taken, though it was). On an
/// <c>object</c> the outcomes were right and named in the jump form, in both builds.
/// </summary>
public sealed class NegatedDeclarationPatternTests
{
    private const string Source = """
        public class Inline { public Container? Parent; }
        public class Container : Inline { public Inline? FirstChild; }
        public static class Target
        {
            public static void Run()
            {
                var container = new Container();
                foreach (var root in new[] { null, container, container }) { Tested(root); Kept(root); }
                foreach (var o in new object?[] { null, "x", "y" }) Typed(o);
                foreach (var o in new object?[] { null, "x", new Container(), new Container { Parent = container } }) Chained(o);
            }
            public static bool Tested(Container? root)
            {
                if (root is not Container container)
                {
                    return false;
                }
                return container.FirstChild != null;
            }
            public static bool Kept(Container? root)
            {
                var none = root is not Container c;
                return none;
            }
            public static int Typed(object? o)
            {
                if (o is not string s)
                {
                    return 0;
                }
                return s.Length;
            }
            public static bool Chained(object? o)
            {
                if (o is not Inline inline || inline.Parent is not Container parent)
                {
                    return false;
                }
                return parent.FirstChild == null;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void A_negated_declaration_is_one_condition(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("negated-declaration", "NegatedDeclaration", Source, CoverageMode.Count, optimization: optimization);
        Assert.Equal(["false=2", "true=1"], run.Outcomes("if (root is not Container container)"));
        Assert.Equal(["false=2", "true=1"], run.Outcomes("var none = root is not Container c;"));
        Assert.Equal(["false=2", "true=1"], run.Outcomes("if (o is not string s)"));
        // Markdig AlertInlineParser.cs:49's shape: each operand named by its text (or its place, past 24 characters) and value.
        Assert.Equal(["o is not Inline inline false=2", "o is not Inline inline true=2", "operand 2 false=1", "operand 2 true=1"],
            run.Outcomes("if (o is not Inline inline || inline.Parent is not Container parent)"));
    }
}
