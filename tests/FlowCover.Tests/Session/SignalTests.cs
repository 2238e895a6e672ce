using Xunit;

namespace FlowCover.Tests.Session;

/// <summary>
/// A signal sent to flowcover's pid alone (not its process group) reaches the measured command;
/// flowcover then restores, saves what ran, and exits 128 + the signal's number.
/// </summary>
public sealed class SignalTests
{
    [Theory]
    [InlineData(2)] // SIGINT
    [InlineData(15)] // SIGTERM
    [InlineData(1)] // SIGHUP
    [InlineData(3)] // SIGQUIT
    public void A_signal_to_flowcover_alone_is_passed_on_then_it_restores_collects_and_exits_128_plus_n(int signal)
    {
        Assert.False(IgnoredSignals.Ignored(signal), IgnoredSignals.Why(signal));
        var fault = new FaultApp();
        var data = Path.Combine(fault.App.Directory, ".flowcover");
        using var run = fault.Start(fault.Run(data, "wait", fault.Marker));
        FaultApp.WaitForPid(fault.Marker, run);

        Assert.Equal(0, FaultApp.Kill(run.Pid, signal));
        var (exitCode, _, error) = run.Wait();

        Assert.True(exitCode == 128 + signal, error);
        Assert.True(fault.Holds(fault.Original));
        Assert.Equal(1, fault.Hits(data));
        Assert.Equal(0, fault.SessionsLeft());
    }
}
