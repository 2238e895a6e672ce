using Xunit;

namespace FlowCover.Tests.Cli;

/// <summary><c>FLOWCOVER_PHASES=1</c> prints one line per step of a run on standard error,
/// for finding where a slow run's time goes; without it a run prints none.</summary>
public sealed class PhaseClockTests
{
    private readonly FlowCoverProcess _flowcover = new();
    private readonly TestApp _app = TestApp.Create("Phases", Workload.Source);

    [Fact]
    public void Each_step_of_a_run_is_timed_only_when_asked()
    {
        string[] run = ["run", "--target", _app.BinDirectory, "--", "dotnet", _app.Dll, "ok"];
        var timed = _flowcover.Run(_app.Directory, new Dictionary<string, string> { ["FLOWCOVER_PHASES"] = "1" }, run);
        Assert.True(timed.ExitCode == 0, timed.Error);
        var steps = timed.Error.Split('\n').Where(l => l.StartsWith("flowcover: phase ", StringComparison.Ordinal))
            .Select(l => l["flowcover: phase ".Length..l.IndexOf(':', "flowcover: phase ".Length)]).ToList();
        Assert.Equal(
            ["process start", "session, select targets", "check the assembly and its PDB", "read metadata, hash, open writer, inject tracker",
             "read, plan, number, probe and encode bodies", "lambda anchors, model", "journal, write assemblies and models",
             "run the command, restore", "collect hits", "write the data file"],
            steps);
        Assert.Matches(@"^flowcover: phase collect hits: \d+ ms, GC pause \d+ ms, allocated \d+ MB, collections so far \d+/\d+/\d+, heap \d+ MB$",
            timed.Error.Split('\n').Single(l => l.Contains("phase collect hits", StringComparison.Ordinal)).TrimEnd('\r'));

        var quiet = _flowcover.Run(_app.Directory, run);
        Assert.True(quiet.ExitCode == 0, quiet.Error);
        Assert.DoesNotContain("flowcover: phase", quiet.Error, StringComparison.Ordinal);
    }
}
