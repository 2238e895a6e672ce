using FlowCover.Data;
using FlowCover.Reporting;
using FlowCover.Tests.Cli;
using FlowCover.Tests.Projects;
using FlowCover.Tests.Sample;
using Xunit;

namespace FlowCover.Tests.Integration;

// Issue 24's matrix: each solution measured with one command from its root and from its test
// project's folder, through `flowcover test` and through `dotnet test`, its flowcover.json
// honoured (a setting whose effect shows in the result). Where each cell is proven:
//
// | solution                      | flowcover test: root / test folder      | dotnet test: root / test folder             | flowcover.json honoured by   |
// | ----------------------------- | --------------------------------------- | ------------------------------------------- | ---------------------------- |
// | xUnit v2 (dotnet new xunit)   | SolutionTests (Shop is this template)   | XunitV2IntegrationTests (both)              | both (omit, xml report)      |
// | xUnit v3 (xunit.v3, MTP)      | here (both)                             | XunitV3IntegrationTests (both)              | both (omit, xml report)      |
// | NUnit (VSTest)                | here (both)                             | NUnitIntegrationTests (root); here (folder) | both (omit, xml report)      |
// | MSTest (MTP)                  | here (both)                             | MSTestOnPlatformIntegrationTests (both)     | both (omit, xml report)      |
// | Shop: 3 projects, artifacts/  | SolutionTests (both); here (.slnf)      | here (both)                                 | both (SolutionTests; here)   |
// | samples/FxApi.Tests           | SampleRuns (repo root, folder)          | here (copy's root, folder)                  | here (showMissing, xml)      |
// | NUnit on MTP (EnableNUnitRunner) | -                                    | here (both)                                 | dotnet test (omit, xml)      |
// | MSTest on VSTest              | -                                       | here (both)                                 | dotnet test (omit, xml)      |
//
// The sample has no solution: its "root" is the repository root, as flowcover test finds it
// (the folder holding .git); it is measured through dotnet test in a copy of its projects (and
// of FlowCover.Testing and the repository's build props) under a folder of its own, made a
// git repository, so that no package reference or build output is left in the repository.
// flowcover test of the sample is the repository's own (SampleRuns, shared through the "Sample"
// collection): the copy differs from it only by FlowCover.MSBuild in its test project, which
// flowcover test of ShopIntegration's filter and of every DotnetTestSolution already meets.

/// <summary>flowcover test on the template solutions the dotnet test integrations are tested on.</summary>
internal static class FlowcoverTestOfTemplate
{
    /// <summary><see cref="AssertFlowcoverTestMeasures(DotnetTestSolution, string)"/> from the
    /// solution's root, then from its test project's folder.</summary>
    public static void AssertFlowcoverTestMeasuresFromBoth(this DotnetTestSolution solution)
    {
        solution.AssertFlowcoverTestMeasures(solution.Root);
        solution.AssertFlowcoverTestMeasures(solution.TestFolder);
    }

    /// <summary>The guide's <paramref name="command"/> from the solution's root, then from its test project's folder.</summary>
    public static void AssertDotnetTestMeasuresFromBoth(this DotnetTestSolution solution, string command)
    {
        solution.AssertMeasured(solution.DotnetTest(solution.Root, command));
        solution.AssertMeasured(solution.DotnetTest(solution.TestFolder, command));
    }

    /// <summary>Runs <c>flowcover test</c> with no argument in <paramref name="folder"/> and
    /// asserts the table of Calc.Sign's one test, Generated/ left out and the Cobertura report
    /// written at the root as the root's flowcover.json says, the library put back.</summary>
    public static void AssertFlowcoverTestMeasures(this DotnetTestSolution solution, string folder)
    {
        var report = Path.Combine(solution.Root, DotnetTestSolution.ReportName);
        File.Delete(report);
        var run = new FlowCoverProcess().Run(folder, "test");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(["src/Calc/Calc.cs 3 1 2 1 60%", "TOTAL 3 1 2 1 60%"], TemplateProjects.TableRows(run.Output));
        var xml = File.ReadAllText(report);
        Assert.Contains("filename=\"src/Calc/Calc.cs\"", xml);
        Assert.DoesNotContain("Table.cs", xml);
        solution.AssertLibraryRestored();
        File.Delete(Path.Combine(folder, CoverageDataFile.DefaultName));
    }
}

public sealed partial class XunitV3IntegrationTests
{
    [Fact]
    public void Flowcover_test_from_the_root_and_the_test_project_folder_honours_the_config() => _solution.AssertFlowcoverTestMeasuresFromBoth();
}

public sealed partial class NUnitIntegrationTests
{
    [Fact]
    public void Collect_from_the_test_project_folder_measures()
    {
        _solution.AssertMeasured(_solution.DotnetTest(_solution.TestFolder, GuideCommands.Collect));
    }

    [Fact]
    public void Flowcover_test_from_the_root_and_the_test_project_folder_honours_the_config() => _solution.AssertFlowcoverTestMeasuresFromBoth();
}

public sealed partial class MSTestOnPlatformIntegrationTests
{
    [Fact]
    public void Flowcover_test_from_the_root_and_the_test_project_folder_honours_the_config() => _solution.AssertFlowcoverTestMeasuresFromBoth();
}

/// <summary>A command's run, the data file and the configured report it left (null where it left none).</summary>
public sealed record MatrixRun(DotnetTestSolution.Run Run, CoverageResult? Coverage, string? Report)
{
    /// <summary>Runs <paramref name="command"/> with no data file or report left from before, and
    /// reads what it leaves, names relative to <paramref name="root"/>.</summary>
    public static MatrixRun Of(string root, string dataFile, string report, Func<DotnetTestSolution.Run> command)
    {
        File.Delete(dataFile);
        File.Delete(report);
        var run = command();
        return new MatrixRun(run,
            File.Exists(dataFile) ? CoverageAnalysis.Analyze(CoverageDataFile.Read(dataFile), root) : null,
            File.Exists(report) ? File.ReadAllText(report) : null);
    }
}

/// <summary>
/// The three-project solution of <see cref="TemplateProjects.ThreeProjectSolution"/>
/// (UseArtifactsOutput) with FlowCover.MSBuild in its test project and a flowcover.json at the
/// root asking for the Missing column and a Cobertura report: <c>dotnet test -p:FlowCover=true</c>
/// from the root, then from the test project's folder, then <c>flowcover test</c> on a solution
/// filter that lists the test project and Shop.Core only. Each run's data is read as it ends.
/// </summary>
public sealed class ShopIntegration
{
    public const string ReportName = "coverage.cobertura.xml";

    public ShopIntegration()
    {
        Root = TemplateProjects.ThreeProjectSolution();
        File.WriteAllText(Path.Combine(Root, "nuget.config"), IntegrationPackages.NuGetConfig());
        File.WriteAllText(Path.Combine(Root, "flowcover.json"), $$"""{ "showMissing": true, "reports": { "xml": "{{ReportName}}" } }""");
        TemplateProjects.Dotnet(TestFolder, [.. GuideCommands.Arguments(GuideCommands.AddPackage("FlowCover.MSBuild")).Skip(1)]);
        FromRoot = Measure(() => DotnetTestSolution.RunDotnet(Root, Home, GuideCommands.Arguments(GuideCommands.Property).Skip(1)));
        FromTestFolder = Measure(() => DotnetTestSolution.RunDotnet(TestFolder, Home, GuideCommands.Arguments(GuideCommands.Property).Skip(1)));
        // As Visual Studio writes one: backslashes, relative to the solution it filters.
        File.WriteAllText(Path.Combine(Root, "Tests.slnf"), """
            {
              "solution": {
                "path": "Shop.slnx",
                "projects": [ "src\\Shop.Core\\Shop.Core.csproj", "tests\\Shop.Tests\\Shop.Tests.csproj" ]
              }
            }
            """);
        Filtered = Measure(() =>
        {
            var run = new FlowCoverProcess().Run(Root, "test", "Tests.slnf", "--data-file", DataFile);
            return new DotnetTestSolution.Run(run.ExitCode, run.Error + run.Output);
        });
    }

    public string Root { get; }
    public string TestFolder => Path.Combine(Root, "tests", "Shop.Tests");
    public string Home { get; } = Scratch.Folder("home");
    public string DataFile => Path.Combine(Root, CoverageDataFile.DefaultName);
    public MatrixRun FromRoot { get; }
    public MatrixRun FromTestFolder { get; }
    public MatrixRun Filtered { get; }

    private MatrixRun Measure(Func<DotnetTestSolution.Run> command) => MatrixRun.Of(Root, DataFile, Path.Combine(Root, ReportName), command);
}

/// <summary>The UseArtifactsOutput solution through <c>dotnet test</c>, and a solution filter
/// through <c>flowcover test</c>: the same figures as <see cref="SolutionTests"/> give.</summary>
public sealed class ShopIntegrationTests(ShopIntegration shop) : IClassFixture<ShopIntegration>
{
    private static readonly string[] Rows =
    [
        "src/Shop.Core/Cart.cs 3 1 2 0 40% 13",
        "src/Shop.Pricing/Discount.cs 3 1 2 1 60% 8",
        "TOTAL 6 2 4 1 50%",
    ];

    [Fact]
    public void Dotnet_test_from_the_root_measures_the_artifacts_output() => AssertShop(shop.FromRoot);

    [Fact]
    public void Dotnet_test_from_the_test_project_folder_measures_the_artifacts_output() => AssertShop(shop.FromTestFolder);

    [Fact]
    public void Flowcover_test_takes_a_solution_filter_and_measures_what_its_tests_reference()
    {
        // Shop.Pricing is not in the filter; Shop.Core references it, so it is built and measured.
        AssertShop(shop.Filtered);
        Assert.Equal(Rows, TemplateProjects.TableRows(shop.Filtered.Run.Output));
    }

    private void AssertShop(MatrixRun measured)
    {
        Assert.True(measured.Run.ExitCode == 0, measured.Run.Output);
        Assert.True(measured.Coverage is not null, "no data file; the run said:\n" + measured.Run.Output);
        Assert.Equal(["src/Shop.Core/Cart.cs 3 1 2 0", "src/Shop.Pricing/Discount.cs 3 1 2 1"],
            measured.Coverage.Files.Select(f => $"{f.Name} {f.Counts.Statements} {f.Counts.Missed} {f.Counts.Branches} {f.Counts.PartialBranches}"));
        Assert.Matches(@"\nTOTAL +6 +2 +4 +1 +50%", measured.Run.Output);
        // flowcover.json's showMissing: the Missing column; its report, at the root.
        Assert.Matches(@"src/Shop\.Core/Cart\.cs +3 +1 +2 +0 +40% +13\n", measured.Run.Output);
        Assert.True(measured.Report is not null, "no Cobertura report at the configured path");
        Assert.Contains("filename=\"src/Shop.Pricing/Discount.cs\"", measured.Report);
        foreach (var name in new[] { "Shop.Core.dll", "Shop.Pricing.dll" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(shop.Root, "artifacts", "bin", Path.GetFileNameWithoutExtension(name), "debug", name)),
                File.ReadAllBytes(Path.Combine(shop.Root, "artifacts", "bin", "Shop.Tests", "debug", name)));
    }

}

/// <summary>
/// The bundled sample through <c>dotnet test</c>, as a user with FlowCover.MSBuild in the sample's
/// test project would run it: in a copy of the repository's sample (its three projects,
/// FlowCover.Testing, the build props) made a git repository of its own, with a flowcover.json at
/// its root asking for the Missing column and a Cobertura report. <c>dotnet test
/// -p:FlowCover=true</c> from the root (naming the test project, as there is no solution) and
/// from the test project's folder.
/// </summary>
public sealed class SampleIntegration
{
    public const string ReportName = "sample.cobertura.xml";

    public SampleIntegration()
    {
        var repository = PackagingTests.RepositoryRoot();
        Root = Scratch.Folder("sample-copy");
        foreach (var folder in new[] { "samples/FxApi", "samples/FxApi.Provider", "samples/FxApi.Tests", "src/FlowCover.Testing", "src/FlowCover.StartupHook" })
            CopySources(Path.Combine(repository, folder), Path.Combine(Root, folder));
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" })
            File.Copy(Path.Combine(repository, file), Path.Combine(Root, file));
        GitInit(Root);
        File.WriteAllText(Path.Combine(Root, "nuget.config"), IntegrationPackages.NuGetConfig());
        File.WriteAllText(Path.Combine(Root, "flowcover.json"), $$"""{ "showMissing": true, "reports": { "xml": "{{ReportName}}" } }""");
        TemplateProjects.Dotnet(TestFolder, [.. GuideCommands.Arguments(GuideCommands.AddPackage("FlowCover.MSBuild")).Skip(1)]);
        FromRoot = Measure(Path.Combine(Root, CoverageDataFile.DefaultName),
            () => DotnetTestSolution.RunDotnet(Root, Home, ["test", "samples/FxApi.Tests", .. GuideCommands.Arguments(GuideCommands.Property).Skip(2)]));
        FromTestFolder = Measure(Path.Combine(Root, CoverageDataFile.DefaultName),
            () => DotnetTestSolution.RunDotnet(TestFolder, Home, GuideCommands.Arguments(GuideCommands.Property).Skip(1)));
    }

    public string Root { get; }
    public string TestFolder => Path.Combine(Root, "samples", "FxApi.Tests");
    public string Home { get; } = Scratch.Folder("home");
    public MatrixRun FromRoot { get; }
    public MatrixRun FromTestFolder { get; }

    private MatrixRun Measure(string dataFile, Func<DotnetTestSolution.Run> command) => MatrixRun.Of(Root, dataFile, Path.Combine(Root, ReportName), command);

    private static void GitInit(string folder)
    {
        using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["init", "-q"]) { WorkingDirectory = folder })!;
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
    }

    /// <summary>A project folder's tracked kind of files: everything but build output.</summary>
    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from))
            if (Path.GetFileName(folder) is not ("bin" or "obj" or "TestResults"))
                CopySources(folder, Path.Combine(to, Path.GetFileName(folder)));
    }
}

/// <summary>The sample's figures through every way in: exactly those of <c>./flowcover test
/// samples/FxApi.Tests</c> in the repository (<see cref="Sample.SampleCoverageTests"/>), whose
/// runs this class shares.</summary>
[Collection(SampleRuns.Collection)]
public sealed class SampleIntegrationTests(SampleIntegration sample, SampleRuns runs) : IClassFixture<SampleIntegration>
{
    [Fact]
    public void Dotnet_test_from_the_root_gives_the_sample_its_figures() => AssertSample(sample.FromRoot);

    [Fact]
    public void Dotnet_test_from_the_test_project_folder_gives_the_sample_its_figures() => AssertSample(sample.FromTestFolder);

    [Fact]
    public void Every_way_in_gives_the_same_table()
    {
        static string Table(CoverageResult coverage) => string.Join('\n', coverage.Files.Select(f => $"{f.Name} {f.Counts}"));
        // flowcover test from the repository root and from the sample's test project folder.
        var flowcoverTest = Table(runs.InProcessResult);
        Assert.Equal(flowcoverTest, Table(runs.FromTestFolderResult));
        Assert.Equal(flowcoverTest, Table(sample.FromRoot.Coverage!));
        Assert.Equal(flowcoverTest, Table(sample.FromTestFolder.Coverage!));
    }

    private static void AssertSample(MatrixRun measured)
    {
        Assert.True(measured.Run.ExitCode == 0, measured.Run.Output);
        Assert.True(measured.Coverage is not null, "no data file; the run said:\n" + measured.Run.Output);
        var total = measured.Coverage.Totals;
        Assert.Equal((287, 16, 122, 11), (total.Statements, total.Missed, total.Branches, total.PartialBranches));
        Assert.Contains("flowcover: measuring FxApi: 35 files, 258 statements", measured.Run.Output);
        Assert.Contains("flowcover: measuring FxApi.Provider: 4 files, 29 statements", measured.Run.Output);
        // flowcover.json's showMissing and its report.
        Assert.Matches(@"\nTOTAL +287 +16 +122 +11 +93%", measured.Run.Output);
        Assert.Matches(@"samples/FxApi/Services/FxService\.cs +63 +3 +40 +2 +95% +67, 128:null, 138-140\n", measured.Run.Output);
        Assert.True(measured.Report is not null, "no Cobertura report at the configured path");
        Assert.Contains("filename=\"samples/FxApi/Services/FxService.cs\"", measured.Report);
    }
}

public sealed class NUnitOnPlatformSolution() : DotnetTestSolutionFixture(TestTemplate.NUnitOnPlatform, "FlowCover.MSBuild");

public sealed class MSTestOnVSTestSolution() : DotnetTestSolutionFixture(TestTemplate.MSTestOnVSTest, "FlowCover.Collector");

/// <summary>NUnit on Microsoft.Testing.Platform (its runner enabled) with FlowCover.MSBuild: the
/// property picks the platform extension.</summary>
public sealed class NUnitOnPlatformIntegrationTests(NUnitOnPlatformSolution fixture) : IClassFixture<NUnitOnPlatformSolution>
{
    private readonly DotnetTestSolution _solution = fixture.Solution;

    [Fact]
    public void Property_from_the_root_and_the_test_project_folder_measures() => _solution.AssertDotnetTestMeasuresFromBoth(GuideCommands.Property);
}

/// <summary>MSTest on VSTest with the FlowCover.Collector package alone.</summary>
public sealed class MSTestOnVSTestIntegrationTests(MSTestOnVSTestSolution fixture) : IClassFixture<MSTestOnVSTestSolution>
{
    private readonly DotnetTestSolution _solution = fixture.Solution;

    [Fact]
    public void Collect_from_the_root_and_the_test_project_folder_measures() => _solution.AssertDotnetTestMeasuresFromBoth(GuideCommands.Collect);
}
