using Xunit;

namespace FlowCover.Tests.Session;

/// <summary>
/// One writer per target: a second run on a folder waits for the first (or, past
/// FLOWCOVER_LOCK_TIMEOUT, refuses in one line), runs on different folders go on at once, and
/// any number of invocations started together leave the build as it was, with every hit saved.
/// </summary>
public sealed class LockTests
{
    private readonly FaultApp _fault = new();

    [Fact]
    public void Pairs_of_runs_on_one_target_both_measure_and_leave_the_build_as_it_was()
    {
        for (var pair = 0; pair < 3; pair++)
        {
            var first = Path.Combine(_fault.App.Directory, $"first{pair}.flowcover");
            var second = Path.Combine(_fault.App.Directory, $"second{pair}.flowcover");
            using var a = _fault.Start(_fault.Run(first, "done", _fault.Marker + "a"));
            using var b = _fault.Start(_fault.Run(second, "done", _fault.Marker + "b"));
            var (exitA, _, errorA) = a.Wait();
            var (exitB, _, errorB) = b.Wait();

            Assert.True(exitA == 7, errorA);
            Assert.True(exitB == 7, errorB);
            Assert.True(_fault.Holds(_fault.Original));
            Assert.Equal(1, _fault.Hits(first));
            Assert.Equal(1, _fault.Hits(second));
        }
        Assert.Equal(0, _fault.SessionsLeft());
    }

    [Fact]
    public void A_second_run_on_a_busy_target_refuses_in_one_line_once_its_wait_is_over()
    {
        using var first = _fault.Start(_fault.Run(".flowcover", "wait", _fault.Marker));
        var command = FaultApp.WaitForPid(_fault.Marker, first);

        var second = _fault.FlowCover.Run(_fault.App.Directory, new Dictionary<string, string> { ["FLOWCOVER_LOCK_TIMEOUT"] = "0" },
            _fault.Run("second.flowcover", "done", _fault.Marker + "2"));

        Assert.Equal(2, second.ExitCode);
        var line = Assert.Single(second.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.StartsWith("flowcover: waiting", StringComparison.Ordinal));
        Assert.Equal($"flowcover: {_fault.Bin}: another flowcover run (pid {first.Pid}) is measuring it and did not finish in 0 s; run again once it ends (or set FLOWCOVER_LOCK_TIMEOUT to wait longer)", line);
        Assert.False(File.Exists(_fault.Marker + "2"));
        Assert.Equal(0, FaultApp.Kill(command, 15));
        Assert.Equal(128 + 15, first.Wait().ExitCode);
        Assert.True(_fault.Holds(_fault.Original));
    }

    [Fact]
    public void Runs_on_different_targets_run_at_once()
    {
        var other = new FaultApp();
        using var first = _fault.Start(_fault.Run(".flowcover", "wait", _fault.Marker));
        using var second = other.Start(other.Run(".flowcover", "wait", other.Marker));
        // Both commands run at the same time: neither run waited for the other.
        var commands = new[] { FaultApp.WaitForPid(_fault.Marker, first), FaultApp.WaitForPid(other.Marker, second) };
        foreach (var command in commands)
            Assert.Equal(0, FaultApp.Kill(command, 15));
        Assert.Equal(143, first.Wait().ExitCode);
        Assert.Equal(143, second.Wait().ExitCode);
        Assert.True(_fault.Holds(_fault.Original));
        Assert.True(other.Holds(other.Original));
    }

    [Fact]
    public void Runs_and_reports_started_together_never_fail_with_a_trace_nor_touch_a_live_run()
    {
        var data = Path.Combine(_fault.App.Directory, "run.flowcover");
        using var live = _fault.Start(_fault.Run(data, "wait", _fault.Marker));
        var command = FaultApp.WaitForPid(_fault.Marker, live);
        var others = Enumerable.Range(0, 6).Select(i => _fault.Start(i % 2 == 0 ? ["restore"] : ["report", "--data-file", data])).ToList();
        foreach (var other in others)
        {
            var (_, _, error) = other.Wait();
            Assert.False(FaultApp.HasStackTrace(error), error);
            other.Dispose();
        }
        Assert.False(_fault.Holds(_fault.Original), "a verb restored the files of a live run");

        Assert.Equal(0, FaultApp.Kill(command, 15));
        var (exitCode, _, runError) = live.Wait();
        Assert.True(exitCode == 143, runError);
        Assert.True(_fault.Holds(_fault.Original));
        Assert.Equal(1, _fault.Hits(data));
    }
}
