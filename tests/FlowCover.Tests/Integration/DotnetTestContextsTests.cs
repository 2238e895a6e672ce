using FlowCover.Data;
using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Integration;

/// <summary>
/// One library and one xUnit test class, built once as two test projects that differ only in
/// their platform: Calc.Tests on VSTest (xUnit v2) and Calc.PlatformTests on
/// Microsoft.Testing.Platform (the same project moved to xUnit v3), both with FlowCover.MSBuild
/// from the folder feed (which carries the data collector and the platform extension). Each
/// integration's own contexts option is run on it with the user's <c>dotnet test</c>; every one
/// must give the same answers as <c>flowcover test --contexts test</c>, from the same context
/// database <c>flowcover who</c> reads.
/// </summary>
public sealed class DotnetTestContextsSolution
{
    public const string VSTest = "Calc.Tests";
    public const string Platform = "Calc.PlatformTests";
    public const string Source = "src/Calc/Calc.cs";

    public DotnetTestContextsSolution()
    {
        Directory.CreateDirectory(Root);
        TestProjects.Write(Root, "Calc.slnx", $"""
            <Solution>
              <Project Path="src/Calc/Calc.csproj" />
              <Project Path="tests/{VSTest}/{VSTest}.csproj" />
              <Project Path="tests/{Platform}/{Platform}.csproj" />
            </Solution>
            """);
        TestProjects.Write(Root, "nuget.config", IntegrationPackages.NuGetConfig());
        TestProjects.Write(Root, "src/Calc/Calc.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
            </Project>
            """);
        TestProjects.Write(Root, Source, """
            namespace Calc;

            public static class Calculator
            {
                public static int Sign(int x)
                {
                    if (x > 0) // both
                        return 1; // positive
                    return -1; // negative
                }

                public static bool Hooked(string? hooks)
                {
                    if (hooks is not null && hooks.Contains("FlowCover.StartupHook.dll"))
                        return true; // hooked
                    return false;
                }
            }
            """);
        var package = $"\n    <PackageReference Include=\"FlowCover.MSBuild\" Version=\"{IntegrationPackages.Version}\" />";
        var project = TestProjects.XunitV2("../../src/Calc/Calc.csproj", package);
        TestProjects.Write(Root, $"tests/{VSTest}/{VSTest}.csproj", project);
        TestProjects.Write(Root, $"tests/{Platform}/{Platform}.csproj", DotnetTestSolution.ToXunitV3(project));
        // dotnet test runs the platform's projects from a folder whose global.json says so.
        TestProjects.Write(Root, $"tests/{Platform}/global.json", """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");
        // The same test class in both: the same test names, so the same answers from who.
        foreach (var folder in new[] { VSTest, Platform })
            TestProjects.Write(Root, $"tests/{folder}/SignTests.cs", """
                using System;
                using Xunit;

                namespace Calc.Tests;

                public class SignTests
                {
                    [Fact]
                    public void Positive() => Assert.Equal(1, Calculator.Sign(5));

                    [Fact]
                    public void Negative() => Assert.Equal(-1, Calculator.Sign(-5));

                    // The startup hook that names routes reaches the test host, as under flowcover test --contexts.
                    [Fact]
                    public void Hook() => Assert.True(Calculator.Hooked(Environment.GetEnvironmentVariable("DOTNET_STARTUP_HOOKS")));
                }
                """);
        TestProjects.Write(Root, $"tests/{VSTest}/flowcover.runsettings", """
            <RunSettings>
              <DataCollectionRunSettings>
                <DataCollectors>
                  <DataCollector friendlyName="FlowCover">
                    <Configuration>
                      <Contexts>test</Contexts>
                    </Configuration>
                  </DataCollector>
                </DataCollectors>
              </DataCollectionRunSettings>
            </RunSettings>
            """);
        Projects.TemplateProjects.Dotnet(Root, "build", "Calc.slnx");
    }

    public string Root { get; } = Scratch.Folder("dtctx");
    public string Home { get; } = Scratch.Folder("home");
    public FlowCoverProcess FlowCover { get; } = new();

    public string Folder(string project) => Path.Combine(Root, "tests", project);

    /// <summary>Removes the data file, its context database and the test projects' parts, so a
    /// run's answers are its own.</summary>
    public void Erase()
    {
        var data = Path.Combine(Root, CoverageDataFile.DefaultName);
        File.Delete(data);
        File.Delete(data + ".contexts");
        if (Directory.Exists(data + ".parts"))
            Directory.Delete(data + ".parts", recursive: true);
    }

    /// <summary>Runs a command of the guide in a test project's folder, on no earlier data.</summary>
    public DotnetTestSolution.Run DotnetTest(string project, string command)
    {
        Erase();
        return DotnetTestSolution.RunDotnet(Folder(project), Home, GuideCommands.Arguments(command).Skip(1));
    }

    /// <summary><c>flowcover who</c> on the line of the library marked <c>// comment</c>.</summary>
    public string Who(string comment)
    {
        var who = FlowCover.Run(Root, "who", $"{Source}:{TestProjects.LineMarked(Root, Source, comment)}");
        Assert.True(who.ExitCode == 0, who.Error);
        return who.Output;
    }
}

/// <summary>
/// Contexts asked for in each <c>dotnet test</c> integration's own words: the MSBuild property,
/// the data collector's configuration (a runsettings file, or <c>--collect</c>'s pairs) and the
/// platform's option; and a wrong value, refused in one line naming the option.
/// </summary>
public sealed class DotnetTestContextsTests(DotnetTestContextsSolution solution) : IClassFixture<DotnetTestContextsSolution>
{
    private const string Positive = "Calc.Tests.SignTests.Positive";
    private const string Negative = "Calc.Tests.SignTests.Negative";

    private void AssertContexts(DotnetTestSolution.Run run)
    {
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.True(File.Exists(Path.Combine(solution.Root, CoverageDataFile.DefaultName + ".contexts")), "no context database; dotnet test said:\n" + run.Output);
        Assert.Equal($"{Positive}\n", solution.Who("positive"));
        Assert.Equal($"{Negative}\n{Positive}\n", solution.Who("both"));
        Assert.Equal($"{Negative}\n", solution.Who("negative"));
        Assert.Equal("Calc.Tests.SignTests.Hook\n", solution.Who("hooked"));
    }

    [Fact]
    public void The_MSBuild_property_records_contexts_on_VSTest() =>
        AssertContexts(solution.DotnetTest(DotnetTestContextsSolution.VSTest, GuideCommands.ContextsProperty));

    [Fact]
    public void The_collectors_runsettings_element_records_contexts() =>
        AssertContexts(solution.DotnetTest(DotnetTestContextsSolution.VSTest, GuideCommands.ContextsSettings));

    [Fact]
    public void The_collectors_collect_pair_records_contexts() =>
        AssertContexts(solution.DotnetTest(DotnetTestContextsSolution.VSTest, GuideCommands.ContextsCollect));

    [Fact]
    public void The_platform_option_records_contexts() =>
        AssertContexts(solution.DotnetTest(DotnetTestContextsSolution.Platform, GuideCommands.ContextsOption));

    [Fact]
    public void The_MSBuild_property_records_contexts_on_the_platform() =>
        AssertContexts(solution.DotnetTest(DotnetTestContextsSolution.Platform, GuideCommands.ContextsProperty));

    [Fact]
    public void Contexts_among_the_platforms_flowcover_options_record_contexts() =>
        AssertContexts(solution.DotnetTest(DotnetTestContextsSolution.Platform, "dotnet test --flowcover --flowcover-options contexts=test"));

    [Fact]
    public void A_wrong_value_on_the_platform_stops_the_run_in_one_line_naming_the_option()
    {
        var run = solution.DotnetTest(DotnetTestContextsSolution.Platform, "dotnet test --flowcover-contexts tests");
        // The test application stops before any test with exit code 2; dotnet test shows its error output.
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Exit code: 2", run.Output);
        Assert.Contains("Error output: flowcover: --flowcover-contexts: 'tests' is not a kind of context; pass --flowcover-contexts test\n", run.Output);
        Assert.DoesNotContain("Exception", run.Output);
        Assert.False(File.Exists(Path.Combine(solution.Root, CoverageDataFile.DefaultName)));
    }

    [Fact]
    public void A_wrong_value_on_VSTest_is_said_by_the_collector_and_measures_nothing()
    {
        var run = solution.DotnetTest(DotnetTestContextsSolution.VSTest, "dotnet test -p:FlowCoverContexts=tests");
        Assert.Contains("flowcover: <Contexts>: 'tests' is not a kind of context; ", run.Output);
        Assert.False(File.Exists(Path.Combine(solution.Root, CoverageDataFile.DefaultName)));
    }
}
