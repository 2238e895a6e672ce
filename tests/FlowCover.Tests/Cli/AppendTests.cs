using FlowCover.Data;
using FlowCover.Tests.Validation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Cli;

/// <summary>
/// <c>flowcover run --append</c>: a run adds its hits to the data file already there, and a
/// data file it cannot add to (corrupt, older, in the other mode, or measured on another build)
/// stops the run before the command starts, with one line and exit code 2, the data file and
/// the target folder as they were, so a long suite never runs for a result that cannot be kept.
/// </summary>
public sealed class AppendTests
{
    private readonly FlowCoverProcess _flowcover = new();
    private readonly TestApp _app = TestApp.Create("Workload", Workload.Source);

    private string DataFile => Path.Combine(_app.Directory, CoverageDataFile.DefaultName);

    private string Marker => Path.Combine(_app.Directory, "the-command-ran");

    private FlowCoverProcess.Result Run(bool append, params string[] command) =>
        _flowcover.Run(_app.Directory, ["run", .. append ? new[] { "--append" } : [], "--target", _app.BinDirectory, "--", .. command]);

    private long HitsOf(string statement) => Workload.HitsOf(_app, statement);

    private void AssertStoppedBeforeTheCommand(FlowCoverProcess.Result result, string mentions, byte[] dataBefore, Dictionary<string, byte[]> folderBefore)
    {
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(mentions, line);
        Assert.False(File.Exists(Marker), "the command ran");
        Assert.Equal(dataBefore, File.ReadAllBytes(DataFile));
        Assert.Equal(folderBefore, _app.Snapshot());
    }

    [Fact]
    public void A_run_with_append_adds_its_hits_to_the_data_already_there()
    {
        Assert.Equal(0, Run(append: false, "dotnet", _app.Dll, "ok").ExitCode);
        Assert.Equal(3, Run(append: true, "dotnet", _app.Dll, "fail").ExitCode);
        Assert.Equal(1, HitsOf("Work(1);"));
        Assert.Equal(1, HitsOf("Work(2);"));

        Assert.Equal(0, Run(append: false, "dotnet", _app.Dll, "ok").ExitCode);
        Assert.Equal(0, HitsOf("Work(2);")); // Without --append the file is replaced.
    }

    [Theory]
    [InlineData("{\"version\":2,")] // Cut short.
    [InlineData("{\"version\":1,\"mode\":\"set\",\"modules\":[]}")] // From an older flowcover.
    public void A_data_file_that_cannot_be_read_stops_an_appending_run_before_the_command(string content)
    {
        File.WriteAllText(DataFile, content);
        var (data, folder) = (File.ReadAllBytes(DataFile), _app.Snapshot());
        AssertStoppedBeforeTheCommand(Run(append: true, "touch", Marker), DataFile, data, folder);
    }

    [Fact]
    public void Data_of_the_other_mode_stops_an_appending_run_before_the_command()
    {
        Assert.Equal(0, Run(append: false, "dotnet", _app.Dll, "ok").ExitCode); // Set mode.
        var (data, folder) = (File.ReadAllBytes(DataFile), _app.Snapshot());
        var result = _flowcover.Run(_app.Directory, "run", "--append", "--mode", "count", "--target", _app.BinDirectory, "--", "touch", Marker);
        AssertStoppedBeforeTheCommand(result, "count-mode", data, folder);
    }

    [Fact]
    public void Data_from_another_build_stops_an_appending_run_before_the_command()
    {
        Assert.Equal(0, Run(append: false, "dotnet", _app.Dll, "ok").ExitCode);
        // The same program built again from a changed source: another build of the assembly.
        File.AppendAllText(_app.SourcePath, "// changed\n");
        TargetCompiler.Compile([_app.SourcePath], _app.BinDirectory, _app.Name, OptimizationLevel.Debug, OutputKind.ConsoleApplication);
        var (data, folder) = (File.ReadAllBytes(DataFile), _app.Snapshot());
        AssertStoppedBeforeTheCommand(Run(append: true, "touch", Marker), "different builds", data, folder);
    }
}
