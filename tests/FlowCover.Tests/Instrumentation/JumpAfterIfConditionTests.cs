using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>break;</c> that keeps its own <c>br</c> right after an <c>if</c> whose condition's code
/// branches straight to the jump's target by a branch no outcome probes by itself: the
/// <c>if</c>'s own test of a <c>switch</c> expression's value (with or without <c>when</c>), a
/// pattern's type test and property test (one outcome on two edges), the test of an <c>or</c> or
/// <c>not</c> pattern's value, an eager <c>&amp;&amp;</c>'s one branch. Release sends those
/// branches past the <c>br</c>; each is one more run of the jump, counted by a counter of its own
/// on the edge (docs/annotations.md, "A jump that keeps its own <c>br</c> right after an
/// <c>if</c>"). <c>?.</c>, <c>??</c> and <c>?:</c> conditions, whose branches there are outcomes,
/// are here too. The counts are Debug's, which runs the jump's own code each time.
/// </summary>
public sealed class JumpAfterIfConditionTests(JumpAfterIfConditionTests.Runs runs) : IClassFixture<JumpAfterIfConditionTests.Runs>
{
    /// <summary>Each shape: a method whose <c>case 1:</c> section is <c>if (condition) { n++; }
    /// break;</c>, and how many times that <c>break;</c> runs.</summary>
    private static readonly (string Name, string Parameters, string Condition, int Runs)[] Shapes =
    [
        ("SwitchExpression", "int v, string s", "v switch { 1 => true, 2 => s.Length > 1, _ => false }", 8),
        ("Pattern", "object o", "o is string { Length: > 2 }", 6),
        ("When", "object o", "o switch { string x when x.Length > 2 => true, int i when i > 0 => true, _ => false }", 6),
        ("NullConditional", "string s", "s?.Length > 2", 4),
        ("Coalesce", "Box b", "b?.Flag ?? false", 3),
        ("Conditional", "bool a, bool b, bool c", "a ? b : c", 8),
        // Run only past its own `br` in Release: without a counter on that edge, a wrong miss.
        ("NeverTrue", "int v", "v switch { 1 => true, _ => false }", 1),
        ("EagerAnd", "int x, bool b", "x == 0 && b", 4), // Its operands read by value.
        ("OrPattern", "char c", "c is 'a' or 'b' or 'z'", 4),
        ("NotPattern", "object o", "o is not (null or string)", 6),
    ];

    private static readonly string Source = $$"""
        public sealed class Box { public bool Flag; public string Name; }

        public static class Target
        {
            public static void Run()
            {
                for (int v = 0; v < 4; v++) { SwitchExpression(v, "abc", 1); SwitchExpression(v, "a", 1); }
                object[] objects = { null, "ab", "abcd", 3, -1, 2.0 };
                foreach (var o in objects) { Pattern(o, 1); When(o, 1); NotPattern(o, 1); }
                foreach (var s in new[] { null, "ab", "abcd", "" }) NullConditional(s, 1);
                foreach (var b in new[] { null, new Box(), new Box { Flag = true } }) Coalesce(b, 1);
                for (int m = 0; m < 8; m++) Conditional((m & 1) != 0, (m & 2) != 0, (m & 4) != 0, 1);
                Pattern("x", 2);
                NeverTrue(0, 1);
                for (int x = 0; x < 2; x++) { EagerAnd(x, false, 1); EagerAnd(x, true, 1); }
                foreach (var c in "abcz") OrPattern(c, 1);
            }
        {{string.Concat(Shapes.Select(shape => Method(shape.Name, shape.Parameters, shape.Condition)))}}
        }
        """;

    private static string Method(string name, string parameters, string condition) => $$"""

            public static int {{name}}({{parameters}}, int k)
            {
                int n = 0;
                switch (k)
                {
                    case 1:
                        if ({{condition}}) { n++; }
                        break;
                    default:
                        n += 5;
                        break;
                }
                return n + 1;
            }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("jump-after-if-condition", "JumpAfterIfCondition", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_break_counts_each_way_the_condition_goes_past_it(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // Each method's `case 1:` section ends in its first `break;`, its `default:` in its second.
        for (var k = 0; k < Shapes.Length; k++)
            Assert.True(SnippetRunsByBuild.Expected(mode, Shapes[k].Runs) == run.Hits("break;", 2 * k), $"{Shapes[k].Name}: {run.Hits("break;", 2 * k)}");
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("break;", 3)); // Pattern("x", 2)
    }
}
