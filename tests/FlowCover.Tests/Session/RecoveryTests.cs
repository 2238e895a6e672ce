using FlowCover.Data;
using Xunit;

namespace FlowCover.Tests.Session;

/// <summary>
/// What the next invocation does with a run whose flowcover was killed: nothing while its
/// command still runs; then the files back where they are still FlowCover's copies (a newer
/// build stays), and the hits saved to the run's data file, each said in one line.
/// </summary>
public sealed class RecoveryTests
{
    private readonly FaultApp _fault = new();

    [Fact]
    public void A_live_run_is_never_recovered_and_its_hits_are_saved_once_its_command_ends()
    {
        var data = Path.Combine(_fault.App.Directory, ".flowcover");
        using var run = _fault.Start(_fault.Run(data, "wait", _fault.Marker));
        var command = FaultApp.WaitForPid(_fault.Marker, run);
        Assert.Equal(0, FaultApp.Kill(run.Pid, 9)); // flowcover alone: its command runs on.
        run.Process.WaitForExit();

        var during = _fault.FlowCover.Run(_fault.App.Directory, "restore");
        Assert.Equal(0, during.ExitCode);
        Assert.Contains("Nothing to restore.", during.Output);
        Assert.False(_fault.Holds(_fault.Original), "a verb restored the files of a run whose command still runs");

        Assert.Equal(0, FaultApp.Kill(command, 15));
        FaultApp.WaitForGroup(run.Pid);
        var report = _fault.FlowCover.Run(_fault.App.Directory, "report");
        Assert.True(report.ExitCode == 0, report.Error);
        Assert.Contains("flowcover: restored 2 file(s) left instrumented by an interrupted run", report.Error);
        Assert.Contains($"flowcover: saved the hits of an interrupted run (pid {run.Pid}) to {data}", report.Error);
        Assert.True(_fault.Holds(_fault.Original));
        Assert.Equal(1, _fault.Hits(data));
        Assert.Equal(0, _fault.SessionsLeft());
    }

    [Fact]
    public void A_build_made_after_an_interrupted_run_stays()
    {
        using var run = _fault.Start(_fault.Run(".flowcover", "wait", _fault.Marker));
        FaultApp.WaitForPid(_fault.Marker, run);
        Assert.Equal(0, FaultApp.Kill(-run.Pid, 9)); // flowcover and its command, as a CI timeout does.
        FaultApp.WaitForGroup(run.Pid);
        var newer = FaultApp.NewerBuild(_fault);
        _fault.Put(newer);

        var restore = _fault.FlowCover.Run(_fault.App.Directory, "restore");

        Assert.Equal(0, restore.ExitCode);
        Assert.True(_fault.Holds(newer), "the old build was put back over the newer one");
        Assert.Contains($"flowcover: {_fault.App.Dll} was rebuilt after an interrupted run (pid {run.Pid}) instrumented it; the new build stays and its old backup is dropped",
            restore.Error);
        Assert.Single(restore.Error.Split('\n'), l => l.Contains("was rebuilt", StringComparison.Ordinal));
        Assert.Equal(0, _fault.SessionsLeft());
    }

    [Fact]
    public void A_missing_backup_is_one_warning_and_the_hits_are_still_saved()
    {
        var data = Path.Combine(_fault.App.Directory, ".flowcover");
        using var run = _fault.Start(_fault.Run(data, "wait", _fault.Marker));
        FaultApp.WaitForPid(_fault.Marker, run);
        Assert.Equal(0, FaultApp.Kill(-run.Pid, 9));
        FaultApp.WaitForGroup(run.Pid);
        var session = Assert.Single(Directory.GetDirectories(Path.Combine(_fault.FlowCover.Home, "sessions")));
        Directory.Delete(Path.Combine(session, "journal", "backup"), recursive: true);

        var report = _fault.FlowCover.Run(_fault.App.Directory, "report");

        Assert.True(report.ExitCode == 0, report.Error);
        Assert.False(FaultApp.HasStackTrace(report.Error), report.Error);
        Assert.Contains($"flowcover: warning: {_fault.App.Dll}: still instrumented by an interrupted run (pid {run.Pid}) and its backup is gone; rebuild the project to get a clean copy",
            report.Error);
        Assert.Equal(1, _fault.Hits(data));
        Assert.Equal(0, _fault.SessionsLeft());
    }

    [Fact]
    public void An_unreadable_hit_file_is_skipped_with_a_warning_and_the_command_exit_code_passes_through()
    {
        // The command runs the app, then leaves a damaged hit file of the same module beside its own.
        var script = $$"""
            dotnet '{{_fault.App.Dll}}' done '{{_fault.Marker}}'
            for f in "$FLOWCOVER_DATA_DIR"/*.hits; do printf 'not hits' > "${f%.*.*.hits}.1.damaged.hits"; done
            exit 7
            """;
        var result = _fault.FlowCover.Run(_fault.App.Directory, "run", "--target", _fault.Bin, "--", "sh", "-c", script);

        Assert.Equal(7, result.ExitCode);
        var warning = Assert.Single(result.Error.Split('\n'), l => l.Contains("damaged.hits", StringComparison.Ordinal));
        Assert.StartsWith("flowcover: warning: skipped", warning);
        Assert.Contains("not a FlowCover hit file", warning);
        Assert.Equal(1, _fault.Hits(Path.Combine(_fault.App.Directory, ".flowcover")));
        Assert.True(_fault.Holds(_fault.Original));
    }

    [Fact]
    public void A_command_that_rebuilds_the_target_is_named_and_its_zero_is_not_recorded()
    {
        // As `dotnet test` without --no-build does: the build output is copied over the
        // instrumented files, and what runs is not instrumented.
        var copies = Path.Combine(_fault.App.Directory, "obj");
        Directory.CreateDirectory(copies);
        foreach (var (path, bytes) in _fault.Original)
            File.WriteAllBytes(Path.Combine(copies, Path.GetFileName(path)), bytes);
        var script = $"cp '{copies}'/* '{_fault.Bin}'/ && exec dotnet '{_fault.App.Dll}' done '{_fault.Marker}'";

        var result = _fault.FlowCover.Run(_fault.App.Directory, "run", "--target", _fault.Bin, "--", "sh", "-c", script);

        Assert.Equal(7, result.ExitCode);
        var warning = Assert.Single(result.Error.Split('\n'), l => l.Contains("rebuilt", StringComparison.Ordinal));
        Assert.Equal($"flowcover: warning: {_fault.App.Dll} was rebuilt while the command ran, so it ran uninstrumented and is left out of the data unless it recorded hits; " +
            "add --no-build to the command (e.g. dotnet test --no-build)", warning);
        Assert.Empty(CoverageDataFile.Read(Path.Combine(_fault.App.Directory, ".flowcover")).Modules);
        Assert.True(_fault.Holds(_fault.Original));
    }
}
