using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Faults;

/// <summary>
/// Contexts on a disk that has room for a run without them, for real (a small tmpfs): each
/// module's context arena reserves its first chunk (256 KiB) when its first test runs, so a run
/// with <c>--contexts test</c> that would lose its contexts to memory is one line before anything
/// changes, where the same run without contexts goes ahead.
/// </summary>
public sealed class ContextsDiskTests
{
    private readonly FlowCoverProcess _flowcover = new();

    [MountFact]
    public void No_room_for_the_context_arenas_is_one_line_before_anything_changes()
    {
        var app = TestApp.Create("Workload", Workload.Source);
        using var home = Mount.Tmpfs(1024 * 1024);
        // Room for the journal's copies and the hit file, not for an arena's first chunk.
        home.Fill(spare: 128 * 1024);
        var environment = new Dictionary<string, string> { ["FLOWCOVER_HOME"] = home.Path };
        var marker = Path.Combine(app.Directory, "command-ran");
        var before = app.Snapshot();

        var contexts = _flowcover.Run(app.Directory, environment,
            "run", "--target", app.BinDirectory, "--no-cache", "--contexts", "test", "--", "sh", "-c", "touch " + marker);

        var line = FaultAssert.OneLineError(contexts, home.Path, "context arena", "free some space");
        Assert.Contains("the run needs 0.3 MB", line);
        Assert.False(File.Exists(marker), "the command ran");
        Assert.Equal(before, app.Snapshot());

        var plain = _flowcover.Run(app.Directory, environment,
            "run", "--target", app.BinDirectory, "--no-cache", "--data-file", Path.Combine(app.Directory, ".flowcover"), "--", "sh", "-c", "touch " + marker);

        Assert.True(plain.ExitCode == 0, plain.Error);
        Assert.True(File.Exists(marker), "the run without contexts did not run its command");
        Assert.Equal(before, app.Snapshot());
    }
}
