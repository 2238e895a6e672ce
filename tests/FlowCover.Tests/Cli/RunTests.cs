using System.Runtime.InteropServices;
using Xunit;

namespace FlowCover.Tests.Cli;

/// <summary>
/// <c>flowcover run</c> end to end on a real program: the target folder is byte-identical
/// afterwards however the run ends, and what ran before the end is in the data file.
/// </summary>
public sealed partial class RunTests
{
    private readonly FlowCoverProcess _flowcover = new();
    private readonly TestApp _app = TestApp.Create("Workload", Workload.Source);

    private string[] RunArguments(params string[] appArguments) =>
        ["run", "--target", _app.BinDirectory, "--", "dotnet", _app.Dll, .. appArguments];

    private long HitsOf(string statement) => Workload.HitsOf(_app, statement);

    [Fact]
    public void Success_leaves_the_folder_byte_identical_and_returns_the_exit_code()
    {
        var before = _app.Snapshot();
        var result = _flowcover.Run(_app.Directory, RunArguments("ok"));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(before, _app.Snapshot());
        Assert.Equal(1, HitsOf("Work(1);"));
        Assert.Equal(0, HitsOf("Work(2);"));
    }

    [Fact]
    public void Failure_of_the_command_restores_and_passes_its_exit_code_through()
    {
        var before = _app.Snapshot();
        var result = _flowcover.Run(_app.Directory, RunArguments("fail"));
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(before, _app.Snapshot());
        Assert.Equal(1, HitsOf("Work(2);"));
    }

    [Fact]
    public void Sigterm_of_the_command_restores_and_keeps_what_ran()
    {
        var before = _app.Snapshot();
        var marker = Path.Combine(_app.Directory, "pid");
        using var run = _flowcover.Start(_app.Directory, RunArguments("wait", marker));
        var pid = WaitForPid(marker, run);
        Assert.Equal(0, Kill(pid, 15));
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(60)), "flowcover did not end after the command got SIGTERM");
        Assert.Equal(before, _app.Snapshot());
        Assert.Equal(1, HitsOf("s_total += 42;"));
    }

    [Theory]
    [InlineData("set")]
    [InlineData("count")] // counted in the thread's own block, a hit file of its own
    public void Hits_made_just_before_a_sigkill_of_the_measured_process_are_recorded(string mode)
    {
        var marker = Path.Combine(_app.Directory, "pid");
        using var run = _flowcover.Start(_app.Directory, ["run", "--mode", mode, .. RunArguments("wait", marker)[1..]]);
        var pid = WaitForPid(marker, run);
        Assert.Equal(0, Kill(pid, 9));
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal(137, run.ExitCode);
        Assert.Equal(1, HitsOf("s_total += 42;"));
        Assert.Equal(1, HitsOf("File.WriteAllText(args[1]"));
    }

    [Fact]
    public void Sigkill_of_flowcover_is_undone_by_the_next_invocation()
    {
        var before = _app.Snapshot();
        var marker = Path.Combine(_app.Directory, "pid");
        var run = _flowcover.Start(_app.Directory, RunArguments("wait", marker));
        var pid = WaitForPid(marker, run);
        run.Kill(); // SIGKILL: flowcover gets no chance to restore.
        run.WaitForExit();
        Kill(pid, 9);
        Assert.NotEqual(before[_app.Dll], File.ReadAllBytes(_app.Dll));

        var restore = _flowcover.Run(_app.Directory, "restore");
        Assert.Equal(0, restore.ExitCode);
        Assert.Contains("Restored 2 file(s)", restore.Output);
        Assert.Equal(before, _app.Snapshot());
        Assert.Empty(Directory.GetDirectories(Path.Combine(_flowcover.Home, "sessions")));
    }

    [Fact]
    public void Count_mode_counts_exactly_across_32_threads()
    {
        var result = _flowcover.Run(_app.Directory, ["run", "--mode", "count", "--target", _app.BinDirectory, "--", "dotnet", _app.Dll, "threads"]);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(32 * 1000, HitsOf("Interlocked.Increment(ref s_total);"));
        Assert.Equal(32, HitsOf("Counted();") / 1000);
    }

    [Fact]
    public void Count_mode_gives_a_block_whose_thread_ended_to_the_next_thread()
    {
        var result = _flowcover.Run(_app.Directory, ["run", "--mode", "count", "--target", _app.BinDirectory, "--", "dotnet", _app.Dll, "threads-in-turn"]);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(40 * 1000, HitsOf("Interlocked.Increment(ref s_total);"));
        // The main thread's block and one more, passed from each ended thread to the next of 40.
        Assert.Contains("hit files mapped: 2", result.Output);
    }

    private static int WaitForPid(string marker, System.Diagnostics.Process run)
    {
        for (var i = 0; i < 600 && !run.HasExited; i++)
        {
            if (File.Exists(marker) && int.TryParse(File.ReadAllText(marker), out var pid))
                return pid;
            Thread.Sleep(100);
        }
        throw new InvalidOperationException("the measured program never started: " + (run.HasExited ? run.StandardError.ReadToEnd() : "timeout"));
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
