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
public sealed class XunitV2IntegrationTests(XunitV2Solution fixture) : IClassFixture<XunitV2Solution>
{
    private readonly DotnetTestSolution _solution = fixture.Solution;

    [Fact]
    public void Property_from_the_solution_root_measures_with_the_collector()
    {
        var run = _solution.DotnetTest(_solution.Root, "-p:FlowCover=true");
        _solution.AssertMeasured(run);
        Assert.Contains("flowcover: measuring Calc: 1 file, 3 statements", run.Output);
        Assert.Matches(@"src/Calc/Calc\.cs\s+3\s+1\s+2\s+1\s+60%", run.Output);
    }

    [Fact]
    public void Collect_from_the_test_project_folder_measures()
    {
        _solution.AssertMeasured(_solution.DotnetTest(_solution.TestFolder, "--collect:FlowCover"));
    }

    [Fact]
    public void Without_the_property_nothing_is_measured() => _solution.AssertNotMeasured(_solution.DotnetTest(_solution.Root));
}

/// <summary>xUnit v3 on Microsoft.Testing.Platform with FlowCover.MSBuild: the property picks the
/// platform extension, and the extension's own option works too.</summary>
public sealed class XunitV3IntegrationTests(XunitV3Solution fixture) : IClassFixture<XunitV3Solution>
{
    private readonly DotnetTestSolution _solution = fixture.Solution;

    [Fact]
    public void Property_from_the_solution_root_measures_with_the_platform_extension()
    {
        _solution.AssertMeasured(_solution.DotnetTest(_solution.Root, "-p:FlowCover=true"));
    }

    [Fact]
    public void Option_from_the_test_project_folder_measures()
    {
        _solution.AssertMeasured(_solution.DotnetTest(_solution.TestFolder, "--flowcover"));
    }

    [Fact]
    public void Without_the_option_nothing_is_measured() => _solution.AssertNotMeasured(_solution.DotnetTest(_solution.TestFolder));
}

/// <summary>NUnit on VSTest with the FlowCover.Collector package alone.</summary>
public sealed class NUnitIntegrationTests(NUnitSolution fixture) : IClassFixture<NUnitSolution>
{
    private readonly DotnetTestSolution _solution = fixture.Solution;

    [Fact]
    public void Collect_from_the_solution_root_measures()
    {
        _solution.AssertMeasured(_solution.DotnetTest(_solution.Root, "--collect:FlowCover"));
    }
}

/// <summary>MSTest on Microsoft.Testing.Platform (the template's runner option) with the
/// FlowCover.TestPlatform package alone.</summary>
public sealed class MSTestOnPlatformIntegrationTests(MSTestOnPlatformSolution fixture) : IClassFixture<MSTestOnPlatformSolution>
{
    private readonly DotnetTestSolution _solution = fixture.Solution;

    [Fact]
    public void Option_from_the_test_project_folder_measures()
    {
        _solution.AssertMeasured(_solution.DotnetTest(_solution.TestFolder, "--flowcover"));
    }

    [Fact]
    public void Option_from_the_solution_root_measures()
    {
        _solution.AssertMeasured(_solution.DotnetTest(_solution.Root, "--flowcover"));
    }
}
