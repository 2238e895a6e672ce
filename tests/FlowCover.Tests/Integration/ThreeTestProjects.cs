using System.Diagnostics;
using FlowCover.Data;
using FlowCover.Tests.Projects;
using Xunit;

namespace FlowCover.Tests.Integration;

/// <summary>
/// A repository as a user has it, with one library and three test projects, each with
/// FlowCover.MSBuild: Calc.slnx holds src/Calc and two VSTest projects (the data collector),
/// tests/Calc.Tests.V2 (xUnit v2: Calc.Sign's positive path) and tests/Calc.Tests.NUnit (its
/// negative path); tests/Calc.Tests.V3 (xUnit v3 on Microsoft.Testing.Platform: the platform
/// extension; Calc.Twice) is run from its own folder, whose global.json picks the platform
/// (dotnet test on .NET 10 runs a solution on one platform only). flowcover.json at the root
/// asks for a Cobertura report. Built once per test class.
/// </summary>
public sealed class ThreeTestProjects
{
    public const string ReportName = "coverage.cobertura.xml";

    /// <summary><c>flowcover report</c>'s rows: V2 alone, the solution (V2 and NUnit), all three.</summary>
    public static readonly string[] V2Alone = ["src/Calc/Calc.cs 4 2 2 1 50%", "TOTAL 4 2 2 1 50%"];
    public static readonly string[] SolutionRows = ["src/Calc/Calc.cs 4 1 2 0 83%", "TOTAL 4 1 2 0 83%"];
    public static readonly string[] AllThree = ["src/Calc/Calc.cs 4 0 2 0 100%", "TOTAL 4 0 2 0 100%"];

    public ThreeTestProjects()
    {
        Directory.CreateDirectory(Root);
        Dotnet(Root, "new", "sln", "-n", "Calc");
        Dotnet(Root, "new", "classlib", "-n", "Calc", "-o", "src/Calc", "--no-restore");
        File.Delete(Path.Combine(Root, "src/Calc/Class1.cs"));
        File.WriteAllText(Path.Combine(Root, "src/Calc/Calc.cs"), CalcSources.Calculator("public static int Twice(int x) => 2 * x;"));
        foreach (var name in new[] { V2, V3, NUnit })
        {
            Dotnet(Root, "new", name == NUnit ? "nunit" : "xunit", "-n", name, "-o", "tests/" + name, "--no-restore");
            CalcSources.RemoveTemplateTests(Folder(name));
            Dotnet(Root, "add", "tests/" + name, "reference", "src/Calc");
        }
        var v3 = Path.Combine(Folder(V3), V3 + ".csproj");
        File.WriteAllText(v3, DotnetTestSolution.ToXunitV3(File.ReadAllText(v3)));
        File.WriteAllText(Path.Combine(Folder(V3), "global.json"), """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");
        WriteTest(V2, _testNames[V2]);
        WriteTest(V3, _testNames[V3]);
        File.WriteAllText(Path.Combine(Folder(NUnit), "SignTests.cs"), CalcSources.SignTests(TestTemplate.NUnit, "Negative", "-1", "Calculator.Sign(-5)"));
        Dotnet(Root, "sln", "Calc.slnx", "add", "src/Calc", "tests/" + V2, "tests/" + NUnit);
        File.WriteAllText(Path.Combine(Root, "nuget.config"), IntegrationPackages.NuGetConfig());
        File.WriteAllText(Path.Combine(Root, "flowcover.json"), $$"""{ "omit": ["**/obj/**"], "reports": { "xml": "{{ReportName}}" } }""");
        foreach (var name in new[] { V2, V3, NUnit })
            Dotnet(Folder(name), "add", "package", "FlowCover.MSBuild");
        Dotnet(Root, "build", "Calc.slnx");
        Dotnet(Root, "build", "tests/" + V3);
    }

    public const string V2 = "Calc.Tests.V2";
    public const string V3 = "Calc.Tests.V3";
    public const string NUnit = "Calc.Tests.NUnit";

    /// <summary>Set to a path, the V2 test creates PATH.started and waits for PATH.go.</summary>
    public const string GateVariable = "CALC_TEST_GATE";

    public string Root { get; } = Scratch.Folder("tworunners");
    public string DataFile => Path.Combine(Root, CoverageDataFile.DefaultName);
    public string PartsFolder => DataFile + ".parts";
    public string Home { get; } = Scratch.Folder("home");

    public string Folder(string project) => Path.Combine(Root, "tests", project);

    public sealed record Run(int ExitCode, string Output);

    /// <summary>
    /// <c>dotnet test -p:FlowCover=true</c> (of the solution from the root, of one of its test
    /// projects, or in V3's folder for V3), with MSBuild
    /// node reuse on as users have it (the test task then runs in worker nodes that outlive the
    /// command); the nodes this run started are ended afterwards, found by a variable only their
    /// environment holds.
    /// </summary>
    public Run DotnetTest(string? project, params string[] more)
    {
        var marker = Guid.NewGuid().ToString("N");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = project == V3 ? Folder(V3) : Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("test");
        if (project is not null and not V3)
            start.ArgumentList.Add("tests/" + project);
        start.ArgumentList.Add("-p:FlowCover=true");
        foreach (var argument in more)
            start.ArgumentList.Add(argument);
        start.Environment["FLOWCOVER_HOME"] = Home;
        start.Environment["MSBUILDDISABLENODEREUSE"] = "0";
        start.Environment["FLOWCOVER_TEST_NODES"] = marker;
        start.Environment.Remove("FLOWCOVER_DATA_DIR");
        start.Environment.Remove("FLOWCOVER_HELD_LOCKS");
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return new Run(process.ExitCode, output + error.Result);
        }
        finally
        {
            EndProcessesMarked("FLOWCOVER_TEST_NODES=" + marker);
        }
    }

    /// <summary>The rows of <c>flowcover report</c> at the root.</summary>
    public string[] ReportRows()
    {
        var report = new Cli.FlowCoverProcess().Run(Root, "report");
        Assert.True(report.ExitCode == 0, report.Error);
        return TemplateProjects.TableRows(report.Output);
    }

    /// <summary>The parts in the data file's parts folder, by test project name.</summary>
    public string[] Parts() => Directory.Exists(PartsFolder)
        ? Directory.GetFiles(PartsFolder, "*.flowcover").Select(f => Path.GetFileName(f).Split('.')[..^2]).Select(n => string.Join('.', n)).Order(StringComparer.Ordinal).ToArray()
        : [];

    public void Erase()
    {
        File.Delete(DataFile);
        File.Delete(Path.Combine(Root, ReportName));
        if (Directory.Exists(PartsFolder))
            Directory.Delete(PartsFolder, recursive: true);
    }

    /// <summary>Renames an xUnit project's test and rebuilds the project: its assembly's bytes
    /// change, the library's do not. The name toggles (Doubles, Doubles_again, Doubles, ...), so
    /// each call changes the source whatever ran before: a build of unchanged sources would
    /// leave the assembly as it was. The name is left as renamed: no test reads it.</summary>
    public void RebuildWithTestRenamed(string project)
    {
        var test = _testNames[project];
        _testNames[project] = test.EndsWith(Again, StringComparison.Ordinal) ? test[..^Again.Length] : test + Again;
        WriteTest(project, _testNames[project]);
        Dotnet(Root, "build", "tests/" + project);
    }

    private const string Again = "_again";

    /// <summary>The xUnit projects' test names as their sources now have them.</summary>
    private readonly Dictionary<string, string> _testNames = new(StringComparer.Ordinal) { [V2] = "Positive", [V3] = "Doubles" };

    /// <summary>V2 runs Sign(5) (waiting at <see cref="GateVariable"/> when it is set), V3 Twice(2).</summary>
    private void WriteTest(string project, string test) =>
        File.WriteAllText(Path.Combine(Folder(project), "SignTests.cs"), project == V2
            ? CalcSources.SignTests(TestTemplate.XunitV2, test, "1", "Calculator.Sign(5)",
                $"if (System.Environment.GetEnvironmentVariable(\"{GateVariable}\") is {{ }} gate) {{ System.IO.File.WriteAllText(gate + \".started\", \"\"); while (!System.IO.File.Exists(gate + \".go\")) System.Threading.Thread.Sleep(100); }}")
            : CalcSources.SignTests(TestTemplate.XunitV3, test, "4", "Calculator.Twice(2)"));

    /// <summary>Kills the processes whose environment holds <paramref name="entry"/>: those a
    /// command of this class started, and only those.</summary>
    private static void EndProcessesMarked(string entry)
    {
        foreach (var folder in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == Environment.ProcessId)
                continue;
            try
            {
                if (!File.ReadAllText(Path.Combine(folder, "environ")).Split('\0').Contains(entry))
                    continue;
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // Gone already, or not ours to read.
            }
        }
    }

    private static void Dotnet(string workingDirectory, params string[] arguments) => TemplateProjects.Dotnet(workingDirectory, arguments);
}
