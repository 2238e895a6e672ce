using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Faults;

/// <summary>
/// A data file or report path that cannot be written is found before the measured command runs
/// (it would be lost with the run) and before a report is computed: one line naming the option
/// and the path, exit 2, the command not run, nothing changed.
/// </summary>
public sealed class OutputPathTests
{
    private readonly FlowCoverProcess _flowcover = new();
    private readonly TestApp _app = TestApp.Create("Workload", Workload.Source);

    private string Marker => Path.Combine(_app.Directory, "command-ran");

    /// <summary>flowcover run with the data file at <paramref name="dataFile"/>; the command
    /// leaves a marker file when it runs.</summary>
    private FlowCoverProcess.Result RunWithDataFile(string dataFile) =>
        _flowcover.Run(_app.Directory, "run", "--target", _app.BinDirectory, "--data-file", dataFile, "--", "sh", "-c", "touch " + Marker);

    private void AssertRefusedBeforeTheCommand(FlowCoverProcess.Result result, Dictionary<string, byte[]> before, params string[] mentions)
    {
        FaultAssert.OneLineError(result, mentions);
        Assert.False(File.Exists(Marker), "the command ran");
        Assert.Equal(before, _app.Snapshot());
    }

    [Fact]
    public void A_data_file_in_a_missing_folder()
    {
        var before = _app.Snapshot();
        var dataFile = Path.Combine(_app.Directory, "no-such-folder", "cov.flowcover");
        AssertRefusedBeforeTheCommand(RunWithDataFile(dataFile), before, "--data-file", dataFile, "does not exist");
    }

    [Fact]
    public void A_data_file_that_is_a_folder()
    {
        var before = _app.Snapshot();
        var folder = Path.Combine(_app.Directory, "results");
        Directory.CreateDirectory(folder);
        AssertRefusedBeforeTheCommand(RunWithDataFile(folder), before, "--data-file", folder, "is a folder");
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [MountFact]
    public void A_data_file_on_a_read_only_disk()
    {
        var folder = Path.Combine(_app.Directory, "readonly");
        Directory.CreateDirectory(folder);
        var before = _app.Snapshot();
        using (Mount.ReadOnly(folder))
            AssertRefusedBeforeTheCommand(RunWithDataFile(Path.Combine(folder, ".flowcover")), before, "--data-file", folder);
    }

    [MountFact]
    public void A_data_file_on_a_full_disk()
    {
        var before = _app.Snapshot();
        using var disk = Mount.Tmpfs(256 * 1024);
        disk.Fill();
        var dataFile = Path.Combine(disk.Path, ".flowcover");
        AssertRefusedBeforeTheCommand(RunWithDataFile(dataFile), before, "--data-file", dataFile, "disk is full");
    }

    [Theory]
    [InlineData("xml", "-o", "under-a-file")]
    [InlineData("lcov", "-o", "a-folder")]
    [InlineData("json", "--output", "under-a-file")]
    [InlineData("html", "-d", "a-file")]
    public void A_report_path_that_cannot_be_written(string verb, string option, string form)
    {
        Assert.Equal(0, _flowcover.Run(_app.Directory, "run", "--target", _app.BinDirectory, "--", "dotnet", _app.Dll).ExitCode);
        var path = Path.Combine(_app.Directory, "out");
        switch (form)
        {
            case "under-a-file":
                // A missing folder is made; one under a file cannot be.
                File.WriteAllText(path, "mine");
                path = Path.Combine(path, "report");
                break;
            case "a-folder":
                Directory.CreateDirectory(path);
                break;
            case "a-file":
                File.WriteAllText(path, "mine");
                break;
        }
        var result = _flowcover.Run(_app.Directory, verb, option, path);
        var line = FaultAssert.OneLineError(result, path);
        Assert.Contains(option.StartsWith("--", StringComparison.Ordinal) ? option : option == "-o" ? "--output" : "--directory", line);
        Assert.Empty(result.Output); // Refused before the report was computed.
        if (form == "a-file")
            Assert.Equal("mine", File.ReadAllText(path));
    }

    [MountFact]
    public void A_report_on_a_full_disk()
    {
        Assert.Equal(0, _flowcover.Run(_app.Directory, "run", "--target", _app.BinDirectory, "--", "dotnet", _app.Dll).ExitCode);
        using var disk = Mount.Tmpfs(256 * 1024);
        disk.Fill();
        var path = Path.Combine(disk.Path, "coverage.xml");
        FaultAssert.OneLineError(_flowcover.Run(_app.Directory, "xml", "-o", path), "--output", path, "disk is full");
        Assert.False(File.Exists(path));
    }
}
