using Xunit;

namespace FlowCover.Tests.Cli;

/// <summary>
/// Every user error is one line on stderr naming the file or option, exit code 2, and nothing
/// changed: not the target folder, not the data file.
/// </summary>
public sealed class BadInputTests
{
    private readonly FlowCoverProcess _flowcover = new();
    private readonly TestApp _app = TestApp.Create("Workload", Workload.Source);

    private void AssertUserError(FlowCoverProcess.Result result, string mentions)
    {
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("flowcover: ", line);
        Assert.Contains(mentions, line);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.False(File.Exists(Path.Combine(_app.Directory, ".flowcover")), "a data file was written");
    }

    private FlowCoverProcess.Result RunOn(string target) =>
        _flowcover.Run(_app.Directory, "run", "--target", target, "--", "dotnet", _app.Dll);

    [Fact]
    public void A_file_that_is_not_an_assembly()
    {
        var path = Path.Combine(_app.BinDirectory, "notes.dll");
        File.WriteAllText(path, "this is not an assembly");
        var before = _app.Snapshot();
        AssertUserError(RunOn(path), path);
        Assert.Equal(before, _app.Snapshot());
    }

    [Fact]
    public void A_truncated_assembly_next_to_its_pdb()
    {
        var bytes = File.ReadAllBytes(_app.Dll);
        File.WriteAllBytes(_app.Dll, bytes[..(bytes.Length / 2)]);
        var before = _app.Snapshot();
        AssertUserError(RunOn(_app.BinDirectory), _app.Dll);
        Assert.Equal(before, _app.Snapshot());
    }

    [Fact]
    public void An_assembly_without_a_pdb()
    {
        File.Delete(Path.ChangeExtension(_app.Dll, ".pdb"));
        var before = _app.Snapshot();
        AssertUserError(RunOn(_app.Dll), _app.Dll);
        Assert.Equal(before, _app.Snapshot());
    }

    [Fact]
    public void A_missing_target_folder()
    {
        var missing = Path.Combine(_app.Directory, "no-such-folder");
        AssertUserError(RunOn(missing), missing);
    }

    [Fact]
    public void An_unknown_option()
    {
        var before = _app.Snapshot();
        AssertUserError(_flowcover.Run(_app.Directory, "run", "--targte", _app.BinDirectory, "--", "dotnet", _app.Dll), "--targte");
        Assert.Equal(before, _app.Snapshot());
    }

    [Fact]
    public void A_corrupt_data_file()
    {
        var dataFile = Path.Combine(_app.Directory, "broken.flowcover");
        File.WriteAllText(dataFile, "{ \"version\": 1, \"modules\": [ { \"model\": ");
        AssertUserError(_flowcover.Run(_app.Directory, "report", "--data-file", dataFile), dataFile);
        Assert.Equal("{ \"version\": 1, \"modules\": [ { \"model\": ", File.ReadAllText(dataFile));
    }

    [Fact]
    public void A_command_that_does_not_exist()
    {
        var before = _app.Snapshot();
        var result = _flowcover.Run(_app.Directory, "run", "--target", _app.BinDirectory, "--", "no-such-command-xyz");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no-such-command-xyz", result.Error);
        Assert.Equal(before, _app.Snapshot());
    }
}
