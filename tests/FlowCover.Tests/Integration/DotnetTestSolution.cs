using System.Diagnostics;
using FlowCover.Data;
using FlowCover.Reporting;
using FlowCover.Tests.Projects;
using Xunit;

namespace FlowCover.Tests.Integration;

/// <summary>The test frameworks and platforms the integrations serve, each a project made with
/// the SDK's templates.</summary>
public enum TestTemplate
{
    /// <summary><c>dotnet new xunit</c>: xUnit v2 on VSTest.</summary>
    XunitV2,

    /// <summary><c>dotnet new xunit</c> moved to the xunit.v3 package: Microsoft.Testing.Platform.</summary>
    XunitV3,

    /// <summary><c>dotnet new nunit</c>: VSTest.</summary>
    NUnit,

    /// <summary><c>dotnet new mstest --test-runner Microsoft.Testing.Platform</c>.</summary>
    MSTestOnPlatform,

    /// <summary><c>dotnet new nunit</c> with NUnit's runner enabled: Microsoft.Testing.Platform.</summary>
    NUnitOnPlatform,

    /// <summary><c>dotnet new mstest --test-runner VSTest</c>.</summary>
    MSTestOnVSTest,
}

/// <summary>
/// A solution as a user has it: Calc.slnx at the root, a class library src/Calc, a test project
/// tests/Calc.Tests made with a template, referencing the library and one FlowCover package
/// from the folder feed; a flowcover.json at the root that omits the library's Generated/ folder
/// and asks for a Cobertura report. Built once; <see cref="DotnetTest"/> runs the user's own
/// command. Its one test runs Calc.Sign's positive path: 3 statements, 1 missed, 2 branches,
/// 1 partial.
/// </summary>
public sealed class DotnetTestSolution
{
    public const string ReportName = "coverage.cobertura.xml";

    public DotnetTestSolution(TestTemplate template, string package)
    {
        Template = template;
        Root = Scratch.Folder(template.ToString().ToLowerInvariant());
        Directory.CreateDirectory(Root);
        Dotnet(Root, "new", "sln", "-n", "Calc");
        Dotnet(Root, "new", "classlib", "-n", "Calc", "-o", "src/Calc", "--no-restore");
        Dotnet(Root, [.. NewTestProject(template), "-n", "Calc.Tests", "-o", "tests/Calc.Tests", "--no-restore"]);
        Dotnet(Root, "sln", "Calc.slnx", "add", "src/Calc", "tests/Calc.Tests");
        Dotnet(Root, "add", "tests/Calc.Tests", "reference", "src/Calc");
        // The platform's runner for dotnet test is chosen in the global.json of the folder dotnet
        // test starts in or above: the solution's root, so both folders work.
        var projectGlobalJson = Path.Combine(TestFolder, "global.json");
        if (File.Exists(projectGlobalJson))
            File.Move(projectGlobalJson, Path.Combine(Root, "global.json"));
        if (template is TestTemplate.XunitV3 or TestTemplate.NUnitOnPlatform)
            File.WriteAllText(Path.Combine(Root, "global.json"), """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");
        File.WriteAllText(Path.Combine(Root, "nuget.config"), IntegrationPackages.NuGetConfig());
        File.WriteAllText(Path.Combine(Root, "flowcover.json"),
            $$"""{ "omit": ["**/obj/**", "**/Generated/**"], "reports": { "xml": "{{ReportName}}" } }""");
        WriteSources(template);
        if (template == TestTemplate.XunitV3)
        {
            var project = Path.Combine(TestFolder, "Calc.Tests.csproj");
            File.WriteAllText(project, ToXunitV3(File.ReadAllText(project)));
        }
        if (template == TestTemplate.NUnitOnPlatform)
        {
            // NUnit's documented switch to its Microsoft.Testing.Platform runner, on an adapter
            // that sets IsTestingPlatformApplication from it when the project is evaluated (6.x),
            // which is what dotnet test reads; with the template's adapter, dotnet test refuses the
            // project as a VSTest one.
            var project = Path.Combine(TestFolder, "Calc.Tests.csproj");
            var text = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(project),
                "(Include=\"NUnit3TestAdapter\" Version=\")[^\"]+", "${1}6.1.0");
            Assert.Contains("\"NUnit3TestAdapter\" Version=\"6.1.0\"", text);
            File.WriteAllText(project, text.Replace("<TargetFramework>",
                "<EnableNUnitRunner>true</EnableNUnitRunner>\n    <OutputType>Exe</OutputType>\n    <TargetFramework>", StringComparison.Ordinal));
        }
        // The guide's command, in the test project's folder.
        Dotnet(TestFolder, [.. GuideCommands.Arguments(GuideCommands.AddPackage(package)).Skip(1)]);
        Assert.Contains($"\"{package}\" Version=\"{IntegrationPackages.Version}\"", File.ReadAllText(Path.Combine(TestFolder, "Calc.Tests.csproj")));
        Dotnet(Root, "build", "Calc.slnx");
    }

    public TestTemplate Template { get; }
    public string Root { get; }
    public string TestFolder => Path.Combine(Root, "tests", "Calc.Tests");
    public string DataFile => Path.Combine(Root, CoverageDataFile.DefaultName);
    public string Home { get; } = Scratch.Folder("home");

    /// <summary>The library as its own build made it, and its copy in the test output (which the
    /// integrations instrument and must put back byte for byte).</summary>
    public string LibraryBuild => Path.Combine(Root, "src", "Calc", "bin", "Debug", "net10.0");
    public string LibraryInTests => Path.Combine(TestFolder, "bin", "Debug", "net10.0");

    public sealed record Run(int ExitCode, string Output);

    /// <summary>Runs a <c>dotnet test</c> command of the guide in a folder of the solution,
    /// after removing the outputs of an earlier run.</summary>
    public Run DotnetTest(string workingDirectory, string command)
    {
        var arguments = GuideCommands.Arguments(command);
        Assert.Equal(["dotnet", "test"], arguments.Take(2));
        File.Delete(DataFile);
        File.Delete(Path.Combine(Root, ReportName));
        return RunDotnet(workingDirectory, Home, arguments.Skip(1));
    }

    /// <summary>Runs <c>dotnet</c> as a user's shell would, with FlowCover's sessions under
    /// <paramref name="home"/>; its output followed by its error.</summary>
    public static Run RunDotnet(string workingDirectory, string home, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["FLOWCOVER_HOME"] = home;
        // This suite may itself run under FlowCover: the run measured here is its own.
        start.Environment.Remove("FLOWCOVER_DATA_DIR");
        start.Environment.Remove("FLOWCOVER_HELD_LOCKS");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new Run(process.ExitCode, output + error.Result);
    }

    /// <summary>The data file's figures, named from the root, as every report shows them.</summary>
    public CoverageResult Coverage() => CoverageAnalysis.Analyze(CoverageDataFile.Read(DataFile), Root);

    /// <summary>Asserts what every measured run leaves: the data file with the library's one
    /// file (Generated/ omitted by flowcover.json) at exactly its figures, the configured report,
    /// the library in the test output byte for byte as built, and no session left behind.</summary>
    public void AssertMeasured(Run run)
    {
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.True(File.Exists(DataFile), "no data file; dotnet test said:\n" + run.Output);
        var file = Assert.Single(Coverage().Files);
        Assert.Equal("src/Calc/Calc.cs", file.Name);
        Assert.Equal(new Counts(3, 1, 2, 1, 1), file.Counts);
        var report = File.ReadAllText(Path.Combine(Root, ReportName));
        Assert.Contains("Calc.cs", report);
        Assert.DoesNotContain("Table.cs", report);
        AssertLibraryRestored();
        var sessions = Path.Combine(Home, "sessions");
        Assert.True(!Directory.Exists(sessions) || Directory.GetDirectories(sessions).Length == 0, "a session was left behind");
    }

    /// <summary>Asserts that the library in the test output is byte for byte as its build made it.</summary>
    public void AssertLibraryRestored()
    {
        foreach (var name in new[] { "Calc.dll", "Calc.pdb" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(LibraryBuild, name)), File.ReadAllBytes(Path.Combine(LibraryInTests, name)));
    }

    /// <summary>Asserts that a run without FlowCover asked for passed and measured nothing.</summary>
    public void AssertNotMeasured(Run run)
    {
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.False(File.Exists(DataFile), "a data file was written though FlowCover was not asked for");
    }

    private static string[] NewTestProject(TestTemplate template) => template switch
    {
        TestTemplate.XunitV2 or TestTemplate.XunitV3 => ["new", "xunit"],
        TestTemplate.NUnit or TestTemplate.NUnitOnPlatform => ["new", "nunit"],
        TestTemplate.MSTestOnVSTest => ["new", "mstest", "--test-runner", "VSTest"],
        _ => ["new", "mstest", "--test-runner", "Microsoft.Testing.Platform"],
    };

    /// <summary>The xunit template's project on xUnit v3: the xunit.v3 package (which brings the
    /// platform's runner) instead of xunit, its VSTest adapter and test SDK.</summary>
    internal static string ToXunitV3(string project)
    {
        var lines = project.Split('\n')
            .Where(l => !l.Contains("\"xunit\"", StringComparison.Ordinal) && !l.Contains("xunit.runner.visualstudio", StringComparison.Ordinal)
                && !l.Contains("Microsoft.NET.Test.Sdk", StringComparison.Ordinal));
        return string.Join('\n', lines)
            .Replace("<TargetFramework>", "<OutputType>Exe</OutputType>\n    <TargetFramework>", StringComparison.Ordinal)
            .Replace("</Project>", "  <ItemGroup><PackageReference Include=\"xunit.v3\" Version=\"4.0.3\" /></ItemGroup>\n</Project>", StringComparison.Ordinal);
    }

    private void WriteSources(TestTemplate template)
    {
        File.Delete(Path.Combine(Root, "src/Calc/Class1.cs"));
        File.WriteAllText(Path.Combine(Root, "src/Calc/Calc.cs"), CalcSources.Calculator());
        Directory.CreateDirectory(Path.Combine(Root, "src/Calc/Generated"));
        File.WriteAllText(Path.Combine(Root, "src/Calc/Generated/Table.cs"), """
            namespace Calc;

            public static class Table
            {
                public static int Size() => 42;
            }
            """);
        CalcSources.RemoveTemplateTests(TestFolder);
        File.WriteAllText(Path.Combine(TestFolder, "SignTests.cs"), CalcSources.SignTests(template, "Positive", "1", "Calculator.Sign(5)"));
    }

    private static void Dotnet(string workingDirectory, params string[] arguments) => TemplateProjects.Dotnet(workingDirectory, arguments);
}
