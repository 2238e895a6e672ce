using FlowCover.Data;
using FlowCover.Tests.Instrumentation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>
/// <c>case "":</c> in a switch on a string (YamlDotNet ScalarNodeDeserializer.cs:367): the
/// compiler matches it by the length, Debug with <c>call get_Length; brfalse</c> after the hash
/// bucket's null test, Release with entry 0 of a <c>switch</c> on the length, and both builds
/// showed that outcome as <c>the jump to line N</c> (<see
/// cref="FlowCover.Instrumentation.Filters.EmptyStringCase"/>). A switch on a length with
/// integer labels keeps its names.
/// </summary>
public sealed class EmptyStringCaseTests(EmptyStringCaseTests.Runs runs) : IClassFixture<EmptyStringCaseTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static object? Parse(string v)
            {
                switch (v)
                {
                    case "":
                    case "~":
                    case "null":
                    case "Null":
                    case "NULL":
                        return null;
                    case "true":
                    case "True":
                    case "TRUE":
                        return true;
                    case "false":
                    case "False":
                    case "FALSE":
                        return false;
                    default:
                        return v;
                }
            }

            public static int Short(string? s)
            {
                switch (s)
                {
                    case "":
                    case "a":
                        return 1;
                    default:
                        return 0;
                }
            }

            public static int Lengths(string s)
            {
                switch (s.Length)
                {
                    case 0:
                    case 1:
                        return 1;
                    case 5:
                        return 2;
                    default:
                        return 0;
                }
            }

            public static void Run()
            {
                foreach (var s in new[] { "", "~", "null", "x", "True", "false", "FALSE", null }) Parse(s!);
                foreach (var s in new[] { "", "", "a", "b", null }) Short(s);
                foreach (var s in new[] { "", "a", "abcde", "ab" }) Lengths(s);
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("empty-string-case", "EmptyStringCase", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void An_empty_string_case_is_named_by_its_label(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        long Count(long n) => SnippetRunsByBuild.Expected(mode, n);
        Assert.Equal(
            [$"case \"\"={Count(1)}", $"case \"FALSE\"={Count(1)}", $"case \"False\"={Count(0)}", $"case \"NULL\"={Count(0)}",
             $"case \"Null\"={Count(0)}", $"case \"TRUE\"={Count(0)}", $"case \"True\"={Count(1)}", $"case \"false\"={Count(1)}", $"case \"null\"={Count(1)}",
             $"case \"true\"={Count(0)}", $"case \"~\"={Count(1)}", $"default={Count(2)}"],
            run.Outcomes("switch (v)"));
        Assert.Equal([$"case \"\"={Count(2)}", $"case \"a\"={Count(1)}", $"default={Count(2)}"], run.Outcomes("switch (s)"));
        Assert.Equal([$"case 0={Count(1)}", $"case 1={Count(1)}", $"case 5={Count(1)}", $"default={Count(1)}"], run.Outcomes("switch (s.Length)"));
    }
}
