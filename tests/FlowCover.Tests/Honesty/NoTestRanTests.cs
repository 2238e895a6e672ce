using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Honesty;

/// <summary>
/// A library and two xUnit v2 test projects (VSTest, as the sample), written for the test: one
/// with a test, one with none. Built by the first <c>flowcover test</c> of each.
/// </summary>
public sealed class TinySolution
{
    public string Root { get; } = Scratch.Folder("tiny");

    public TinySolution()
    {
        Write("Lib/Lib.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
            </Project>
            """);
        Write("Lib/Calc.cs", """
            namespace Lib;

            public static class Calc
            {
                public static int Twice(int x) => x * 2;
            }
            """);
        foreach (var (name, test) in new[] { ("Lib.Tests", "public class CalcTests { [Fact] public void Twice() => Assert.Equal(4, Lib.Calc.Twice(2)); }"), ("Empty.Tests", "public class NotATest { }") })
        {
            Write($"{name}/{name}.csproj", TestProjects.XunitV2("../Lib/Lib.csproj"));
            Write($"{name}/Tests.cs", "using Xunit;\n\n" + test + "\n");
        }
    }

    private void Write(string relative, string text) => TestProjects.Write(Root, relative, text);
}

/// <summary>
/// <c>flowcover test</c> when no test ran (a <c>--filter</c> that matches none, a project with no
/// tests): under VSTest dotnet test exits 0, and the table would read as a measurement of the
/// tests. It is said in one line instead, exit code 2, and no table.
/// </summary>
public sealed class NoTestRanTests(TinySolution solution) : IClassFixture<TinySolution>
{
    /// <summary>The line every run prints first, naming what it measures.</summary>
    private const string Measuring = "flowcover: measuring Lib: 1 file, 1 statement\n";

    private readonly FlowCoverProcess _flowcover = new();

    [Fact]
    public void A_filter_that_matches_no_test_is_said_and_fails()
    {
        var result = _flowcover.Run(solution.Root, "test", "Lib.Tests", "--filter", "NoSuchTest", "--fail-under", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            Measuring + "flowcover: --filter NoSuchTest: no test ran (the filter matches no test in Lib.Tests); check the filter, e.g. --filter \"FullyQualifiedName~OrderTests\".\n",
            result.Error);
        Assert.DoesNotContain("TOTAL", result.Output);
    }

    [Fact]
    public void A_filter_that_matches_a_test_measures_as_before()
    {
        var result = _flowcover.Run(solution.Root, "test", "Lib.Tests", "--filter", "FullyQualifiedName~CalcTests");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Matches(@"\nLib/Calc\.cs +1 +0 +100%\n", result.Output);
        Assert.Equal(Measuring, result.Error);
    }

    [Fact]
    public void A_test_project_without_tests_is_said_and_fails()
    {
        var result = _flowcover.Run(solution.Root, "test", "Empty.Tests");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(Measuring + "flowcover: Empty.Tests: no test ran (dotnet test found no test in it); add tests, or pass the test project to measure.\n", result.Error);
        Assert.DoesNotContain("TOTAL", result.Output);
    }
}
