using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// The user's own eager <c>|</c>, <c>&amp;</c>, <c>|=</c>, <c>&amp;=</c> on booleans: no
/// decision (annotations.md lists <c>&amp;&amp;</c>, <c>||</c> and patterns' <c>and</c>/<c>or</c>).
/// The compiler turns a <c>||</c> on plain booleans into the same eager <c>or</c>, which
/// <see cref="FlowCover.Instrumentation.Filters.EagerBooleanOperatorFilter"/> replays as the
/// operands' conditions; it now does so only where the source writes the short-circuit operator.
/// Before, <c>has |= x is string</c> (YamlDotNet YamlSequenceNode.cs:79) got left and right
/// outcomes beside the pattern's, right counted only when left was false though <c>|</c> always
/// evaluates it, and <c>if (b &amp; n &gt; 1)</c> had left/right instead of its true/false.
/// </summary>
public sealed class UsersEagerOperatorTests(UsersEagerOperatorTests.Runs runs) : IClassFixture<UsersEagerOperatorTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                OrAssign([1, "a", 2, "b", 3]);
                AndAssign([1, "a", 2]);
                Tested(true, 2);
                Tested(false, 5);
                Tested(false, 0);
                Kept(false, 3);
                Kept(true, 0);
            }

            public static bool OrAssign(object[] xs)
            {
                var has = false;
                foreach (var x in xs)
                    has |= x is string;
                return has;
            }

            public static bool AndAssign(object[] xs)
            {
                var all = true;
                foreach (var x in xs)
                    all &= x is int;
                return all;
            }

            public static int Tested(bool b, int n)
            {
                if (b & n > 1)
                    return 1;
                return b | n > 2 ? 2 : 3;
            }

            public static bool Kept(bool b, int n)
            {
                var ok = b || n > 2;
                return ok;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("users-eager-operator", "UsersEagerOperator", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_users_own_eager_operator_is_no_decision(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal([$"false={Count(3)}", $"true={Count(2)}"], run.Outcomes("has |= x is string;"));
        Assert.Equal([$"false={Count(1)}", $"true={Count(2)}"], run.Outcomes("all &= x is int;"));
        Assert.Equal([$"false={Count(2)}", $"true={Count(1)}"], run.Outcomes("if (b & n > 1)"));
        Assert.Equal([$"false={Count(1)}", $"true={Count(1)}"], run.Outcomes("return b | n > 2 ? 2 : 3;"));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_short_circuit_the_compiler_made_eager_is_still_its_operands(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal([$"b false={Count(1)}", $"b true={Count(1)}", $"n > 2 false={Count(0)}", $"n > 2 true={Count(1)}"], run.Outcomes("var ok = b || n > 2;"));
    }
}
