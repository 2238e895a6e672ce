using FlowCover.Data;
using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Honesty;

/// <summary>
/// A measurement of nothing is said, never shown as a number: a table of no statements reads
/// <c>TOTAL 0 0 100%</c> and passes any <c>--fail-under</c>. As coverage.py: "No data was
/// collected" from run, "No data to report" from the report verbs, exit code 2, and the data
/// file left as it was.
/// </summary>
public sealed class NothingMeasuredTests
{
    private readonly FlowCoverProcess _flowcover = new();
    private readonly TestApp _app = TestApp.Create("Workload", Workload.Source);

    /// <summary>A folder outside the app's, with a data file in it from an earlier run.</summary>
    private static (string Folder, string DataFile, byte[] Before) ElsewhereWithData()
    {
        var folder = Scratch.Folder("elsewhere");
        Directory.CreateDirectory(folder);
        var dataFile = Path.Combine(folder, CoverageDataFile.DefaultName);
        File.WriteAllText(dataFile, "an earlier run's data");
        return (folder, dataFile, File.ReadAllBytes(dataFile));
    }

    /// <summary>A folder whose data file measured nothing, as an older flowcover could leave it.</summary>
    private static string EmptyDataFolder()
    {
        var folder = Scratch.Folder("empty-data");
        Directory.CreateDirectory(folder);
        CoverageDataFile.Write(Path.Combine(folder, CoverageDataFile.DefaultName), CoverageData.Empty(CoverageMode.Set));
        return folder;
    }

    [Fact]
    public void Run_with_sources_outside_the_current_folder_refuses_before_the_command_runs()
    {
        var (folder, dataFile, before) = ElsewhereWithData();
        var ran = Path.Combine(folder, "ran");

        var result = _flowcover.Run(folder, "run", "--target", _app.BinDirectory, "--", "touch", ran);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(
            $"flowcover: --target {_app.BinDirectory}: No data was collected: its one assembly with a PDB is not measured " +
            $"(test assemblies are left out, and so are assemblies without sources under {folder}); " +
            "run flowcover from a folder above the sources (e.g. the solution's), or pass --source 'DIR/**', --include NAME.dll, or the --target of the code to measure.", line);
        Assert.DoesNotContain("TOTAL", result.Output);
        Assert.False(File.Exists(ran));
        Assert.Equal(before, File.ReadAllBytes(dataFile));
    }

    [Fact]
    public void Run_on_a_folder_without_assemblies_names_the_target_to_pass()
    {
        var (folder, dataFile, before) = ElsewhereWithData();

        var result = _flowcover.Run(folder, "run", "--target", folder, "--", "true");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"flowcover: --target {folder}: No data was collected: no assembly in it has a PDB beside it; " +
            "pass the --target of the build output to measure (e.g. bin/Debug/net10.0), or --include NAME.dll.\n", result.Error);
        Assert.Equal(before, File.ReadAllBytes(dataFile));
    }

    [Fact]
    public void Run_on_a_project_folder_names_its_build_output()
    {
        File.WriteAllText(Path.Combine(_app.Directory, "Workload.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />");

        var project = _flowcover.Run(_app.Directory, "run", "--target", _app.Directory, "--", "true");

        Assert.Equal(2, project.ExitCode);
        Assert.Equal(
            $"flowcover: --target {_app.Directory}: No data was collected: it is the folder of Workload.csproj, not its build output; " +
            $"pass its build output, e.g. --target {Path.Combine(_app.Directory, "bin", "Debug", "net10.0")}.\n", project.Error);
    }

    [Fact]
    public void Run_with_an_include_that_matches_nothing_says_so()
    {
        var result = _flowcover.Run(_app.Directory, "run", "--target", _app.BinDirectory, "--include", "Other*.dll", "--", "true");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"flowcover: --target {_app.BinDirectory}: No data was collected: no assembly in it matches --include Other*.dll;", result.Error);
        Assert.False(File.Exists(Path.Combine(_app.Directory, CoverageDataFile.DefaultName)));
    }

    [Fact]
    public void The_same_run_from_the_app_folder_measures()
    {
        // The control of the tests above: the refusal is about what was selected, not the app.
        var result = _flowcover.Run(_app.Directory, "run", "--target", _app.BinDirectory, "--", "dotnet", _app.Dll, "ok");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotContain("No data was collected", result.Error);
        Assert.Equal(0, _flowcover.Run(_app.Directory, "report", "--fail-under", "10").ExitCode);
    }

    [Fact]
    public void A_command_that_runs_none_of_the_measured_code_is_warned_of_in_one_line()
    {
        // The command runs a copy of the app, not the build in --target: the instrumented
        // module never loads, and its 0% says nothing about the app.
        var copy = Scratch.Folder("copy");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(_app.BinDirectory))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));

        var result = _flowcover.Run(_app.Directory, "run", "--target", _app.BinDirectory, "--", "dotnet", Path.Combine(copy, "Workload.dll"), "ok");

        Assert.Equal(0, result.ExitCode);
        var warning = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.Contains("No data was collected"));
        Assert.Equal(
            "flowcover: warning: No data was collected: the command ran no code of Workload; check that it runs the build in --target, not a copy elsewhere, " +
            "and that a process in a container or under another user can write to the data folder FLOWCOVER_DATA_DIR names (docs/guide/own-process.md).", warning);
        // The data file is still written, and is true: nothing of the build ran.
        var report = _flowcover.Run(_app.Directory, "report");
        Assert.Equal(0, report.ExitCode);
        Assert.EndsWith("0%", report.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().TrimEnd());
    }

    [Fact]
    public void Fail_under_with_no_data_fails_and_no_table_is_printed()
    {
        var folder = EmptyDataFolder();

        var result = _flowcover.Run(folder, "report", "--fail-under", "80");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal(
            ".flowcover: No data to report (it holds no measured statements); measure again with 'flowcover run' or 'flowcover test', choosing the code with --target, --include or --source.",
            Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries))["flowcover: ".Length..]);
    }

    [Theory]
    [InlineData("html", "-d", "site")]
    [InlineData("xml", "-o", "out")]
    [InlineData("lcov", "-o", "out")]
    [InlineData("json", "-o", "out")]
    [InlineData("diff", ".flowcover", ".flowcover")]
    public void Every_report_verb_refuses_data_of_nothing(params string[] arguments)
    {
        var folder = EmptyDataFolder();

        var result = _flowcover.Run(folder, arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("flowcover: .flowcover: No data to report", result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(Path.Combine(folder, "out")));
        Assert.False(Directory.Exists(Path.Combine(folder, "site")));
    }

    [Fact]
    public void Combine_of_an_empty_folder_refuses_and_keeps_the_data_file()
    {
        var (folder, dataFile, before) = ElsewhereWithData();
        var empty = Path.Combine(folder, "emptydir");
        Directory.CreateDirectory(empty);

        var result = _flowcover.Run(folder, "combine", "emptydir");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("flowcover: emptydir: no coverage data files (.flowcover*) found; pass the data files, or the folders that hold them.\n", result.Error);
        Assert.Equal(before, File.ReadAllBytes(dataFile));
    }

    [Fact]
    public void Combine_of_data_files_that_measured_nothing_refuses_and_keeps_the_data_file()
    {
        var (folder, dataFile, before) = ElsewhereWithData();
        var shards = Path.Combine(folder, "shards");
        Directory.CreateDirectory(shards);
        CoverageDataFile.Write(Path.Combine(shards, ".flowcover.1"), CoverageData.Empty(CoverageMode.Set));
        CoverageDataFile.Write(Path.Combine(shards, ".flowcover.2"), CoverageData.Empty(CoverageMode.Set));

        var result = _flowcover.Run(folder, "combine", "shards");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("flowcover: shards: No data to combine (the 2 data file(s) measured nothing);", result.Error);
        Assert.Equal(before, File.ReadAllBytes(dataFile));
    }
}
