using FlowCover.Data;
using FlowCover.Tests.Cli;
using FlowCover.Tests.Projects;
using Xunit;

namespace FlowCover.Tests.Integration;

// Each class builds one solution (a class fixture) and runs the commands of
// docs/guide/dotnet-test.md on it, from the solution's root and from the test project's folder.

public sealed class XunitV2Solution() : DotnetTestSolutionFixture(TestTemplate.XunitV2, "FlowCover.MSBuild");

public sealed class XunitV3Solution() : DotnetTestSolutionFixture(TestTemplate.XunitV3, "FlowCover.MSBuild");

public sealed class NUnitSolution() : DotnetTestSolutionFixture(TestTemplate.NUnit, "FlowCover.Collector");

public sealed class MSTestOnPlatformSolution() : DotnetTestSolutionFixture(TestTemplate.MSTestOnPlatform, "FlowCover.TestPlatform");

/// <summary>A solution made once per test class.</summary>
public abstract class DotnetTestSolutionFixture(TestTemplate template, string package)
{
    public DotnetTestSolution Solution { get; } = new(template, package);
}

/// <summary>xUnit v2 on VSTest with FlowCover.MSBuild: the property picks the data collector.</summary>
public sealed partial class XunitV2IntegrationTests(XunitV2Solution fixture) : IClassFixture<XunitV2Solution>
{
    private readonly DotnetTestSolution _solution = fixture.Solution;

    [Fact]
    public void Property_from_the_solution_root_measures_with_the_collector()
    {
        var run = _solution.DotnetTest(_solution.Root, GuideCommands.Property);
        _solution.AssertMeasured(run);
        Assert.Contains("flowcover: measuring Calc: 1 file, 3 statements", run.Output);
        Assert.Matches(@"src/Calc/Calc\.cs\s+3\s+1\s+2\s+1\s+60%", run.Output);
    }

    [Fact]
    public void Collect_from_the_test_project_folder_measures()
    {
        _solution.AssertMeasured(_solution.DotnetTest(_solution.TestFolder, GuideCommands.Collect));
    }

    [Fact]
    public void Without_the_property_nothing_is_measured() => _solution.AssertNotMeasured(_solution.DotnetTest(_solution.Root, GuideCommands.Plain));

    [Fact]
    public void Property_in_Directory_Build_props_measures_the_plain_command()
    {
        var props = Path.Combine(_solution.Root, "Directory.Build.props");
        File.WriteAllText(props, "<Project>\n  <PropertyGroup>\n    <FlowCover>true</FlowCover>\n  </PropertyGroup>\n</Project>\n");
        try
        {
            _solution.AssertMeasured(_solution.DotnetTest(_solution.Root, GuideCommands.Plain));
        }
        finally
        {
            File.Delete(props);
        }
    }
}

/// <summary>xUnit v3 on Microsoft.Testing.Platform with FlowCover.MSBuild: the property picks the
/// platform extension, and the extension's own option works too.</summary>
public sealed partial class XunitV3IntegrationTests(XunitV3Solution fixture) : IClassFixture<XunitV3Solution>
{
    private readonly DotnetTestSolution _solution = fixture.Solution;

    [Fact]
    public void Property_from_the_solution_root_measures_with_the_platform_extension()
    {
        _solution.AssertMeasured(_solution.DotnetTest(_solution.Root, GuideCommands.Property));
    }

    [Fact]
    public void Option_from_the_test_project_folder_measures()
    {
        _solution.AssertMeasured(_solution.DotnetTest(_solution.TestFolder, GuideCommands.Option));
        // dotnet test on the platform shows no test application's output when it passes; the
        // table is a report verb away.
        var report = new FlowCoverProcess().Run(_solution.Root, [.. GuideCommands.Arguments(GuideCommands.Report).Skip(1)]);
        Assert.True(report.ExitCode == 0, report.Error);
        Assert.Contains("src/Calc/Calc.cs 3 1 2 1 60%", TemplateProjects.TableRows(report.Output));
    }

    [Fact]
    public void Without_the_option_nothing_is_measured() => _solution.AssertNotMeasured(_solution.DotnetTest(_solution.TestFolder, GuideCommands.Plain));
}

/// <summary>NUnit on VSTest with the FlowCover.Collector package alone.</summary>
public sealed partial class NUnitIntegrationTests(NUnitSolution fixture) : IClassFixture<NUnitSolution>
{
    private readonly DotnetTestSolution _solution = fixture.Solution;

    [Fact]
    public void Collect_from_the_solution_root_measures()
    {
        _solution.AssertMeasured(_solution.DotnetTest(_solution.Root, GuideCommands.Collect));
    }
}

/// <summary>MSTest on Microsoft.Testing.Platform (the template's runner option) with the
/// FlowCover.TestPlatform package alone.</summary>
public sealed partial class MSTestOnPlatformIntegrationTests(MSTestOnPlatformSolution fixture) : IClassFixture<MSTestOnPlatformSolution>
{
    private readonly DotnetTestSolution _solution = fixture.Solution;

    [Fact]
    public void Option_from_the_test_project_folder_measures()
    {
        _solution.AssertMeasured(_solution.DotnetTest(_solution.TestFolder, GuideCommands.Option));
    }

    [Fact]
    public void Option_from_the_solution_root_measures_with_flowcover_options()
    {
        _solution.AssertMeasured(_solution.DotnetTest(_solution.Root, GuideCommands.OptionWithOptions));
        Assert.Equal(CoverageMode.Count, _solution.Coverage().Mode);
    }
}
