using FlowCover.Data;
using FlowCover.Tests.Instrumentation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>
/// An <c>or</c> of constants on a nullable value (<c>n is 1 or 3</c> with <c>int? n</c>) is a
/// condition per constant, and a null <c>n</c> fails each (docs/annotations.md): the compiler's
/// <c>HasValue</c> test's failing edge counts to <c>is 1 false</c> and to <c>is 3 false</c>, one
/// edge in two outcomes (NullableOrPatternFilter, BodyProbes). Both builds kept the three tests in
/// the jump form. The inputs are null, 1, 3 and 2: <c>is 1</c> true 1 false 3, <c>is 3</c> true 1
/// false 2. Beside another operand the pattern keeps the jump form (its joined value is tested
/// again, and Debug's test of the whole chain would be named as the last operand).
/// </summary>
public sealed class NullableOrPatternTests(NullableOrPatternTests.Runs runs) : IClassFixture<NullableOrPatternTests.Runs>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        public static class Target
        {
            public static void Run()
            {
                foreach (var n in new int?[] { null, 1, 3, 2 })
                {
                    Tested(n, 0);
                    Negated(n, 0);
                    Kept(n);
                    Loop(n);
                    Both(n, true);
                    foreach (var _ in Iterate(n, 0)) { }
                    Wait(n, 0).GetAwaiter().GetResult();
                }
            }
            public static int Tested(int? n, int t)
            {
                if (n is 1 or 3)
                    t++;
                return t;
            }
            public static int Negated(int? n, int t)
            {
                if (n is not (1 or 3))
                    t++;
                return t;
            }
            public static bool Kept(int? n)
            {
                var b = n is 1 or 3;
                return b;
            }
            public static int? Loop(int? n)
            {
                while (n is 1 or 3)
                    n = n + 1;
                return n;
            }
            public static int Both(int? n, bool f)
            {
                if (f && n is 1 or 3)
                    return 1;
                return 0;
            }
            public static IEnumerable<int> Iterate(int? n, int t)
            {
                if (n is 1 or 3)
                    t++;
                yield return t;
            }
            public static async Task<int> Wait(int? n, int t)
            {
                await Task.Yield();
                if (n is 1 or 3)
                    t++;
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("nullable-or-pattern", "NullableOrPattern", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_null_fails_every_constant(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        List<string> Expect(params (string Label, long Count)[] outcomes) =>
            [.. outcomes.Select(o => $"{o.Label}={SnippetRunsByBuild.Expected(mode, o.Count)}").Order(StringComparer.Ordinal)];
        var each = Expect(("is 1 true", 1), ("is 1 false", 3), ("is 3 true", 1), ("is 3 false", 2));
        Assert.Equal(each, run.Outcomes("if (n is 1 or 3)", 0));
        // Under `not` each constant is named by its match (annotations.md): the same counts.
        Assert.Equal(each, run.Outcomes("if (n is not (1 or 3))"));
        Assert.Equal(each, run.Outcomes("var b = n is 1 or 3;"));
        // In an iterator and an async method the value is a field of the state machine.
        Assert.Equal(each, run.Outcomes("if (n is 1 or 3)", 1));
        Assert.Equal(each, run.Outcomes("if (n is 1 or 3)", 2));
        // 1 and 3 go round once each, to 2 and 4: six tests, null and 2 failing once, 2 and 4 once more.
        Assert.Equal(Expect(("is 1 true", 1), ("is 1 false", 5), ("is 3 true", 1), ("is 3 false", 4)), run.Outcomes("while (n is 1 or 3)"));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void Beside_another_operand_it_keeps_the_jump_form(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        var labels = run.Outcomes("if (f && n is 1 or 3)");
        Assert.NotEmpty(labels);
        Assert.All(labels, l => Assert.Matches("^(the jump to|going on to) ", l));
    }
}
