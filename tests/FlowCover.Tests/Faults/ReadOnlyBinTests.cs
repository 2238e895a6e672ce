using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Faults;

/// <summary>A build output FlowCover cannot write (a read-only disk, a folder mounted
/// read-only in a container) is found before anything is changed: one line, exit 2.</summary>
public sealed class ReadOnlyBinTests
{
    private readonly FlowCoverProcess _flowcover = new();
    private readonly TestApp _app = TestApp.Create("Workload", Workload.Source);

    [MountFact]
    public void A_read_only_bin_folder()
    {
        var marker = Path.Combine(_app.Directory, "command-ran");
        var before = _app.Snapshot();
        FlowCoverProcess.Result result;
        using (Mount.ReadOnly(_app.BinDirectory))
            result = _flowcover.Run(_app.Directory, "run", "--target", _app.BinDirectory, "--", "sh", "-c", "touch " + marker);
        var line = FaultAssert.OneLineError(result, _app.Dll, "nothing was changed");
        Assert.Contains("read-only", line, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(marker), "the command ran");
        Assert.Equal(before, _app.Snapshot());
        Assert.False(File.Exists(Path.Combine(_app.Directory, ".flowcover")));
    }
}
