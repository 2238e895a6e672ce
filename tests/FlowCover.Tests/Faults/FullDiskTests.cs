using System.Text;
using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Faults;

/// <summary>
/// FlowCover's folder on a disk that is full, for real (a small tmpfs): before the command,
/// no room for the restore journal and hit files is one line and nothing changed; during the
/// command, a process whose hit file finds no room runs on and exits as it would without
/// coverage, with one line, where a sparse mapped file used to kill it with SIGBUS.
/// </summary>
public sealed class FullDiskTests
{
    private readonly FlowCoverProcess _flowcover = new();

    /// <summary>A program with a thousand statements: in count mode its hit file is 8 KB,
    /// more than the one page a nearly full disk has left.</summary>
    private static string ManyStatements()
    {
        var source = new StringBuilder("public static class Program\n{\n    private static long s_total;\n\n    public static int Main()\n    {\n");
        for (var i = 0; i < 1000; i++)
            source.Append("        s_total += ").Append(i).Append(";\n");
        source.Append("        System.Console.WriteLine(\"total \" + s_total);\n        return 0;\n    }\n}\n");
        return source.ToString();
    }

    [MountFact]
    public void No_room_for_the_journal_is_one_line_before_anything_changes()
    {
        var app = TestApp.Create("Workload", Workload.Source);
        using var home = Mount.Tmpfs(1024 * 1024);
        home.Fill(spare: 4096);
        var marker = Path.Combine(app.Directory, "command-ran");
        var before = app.Snapshot();
        var result = _flowcover.Run(app.Directory, new Dictionary<string, string> { ["FLOWCOVER_HOME"] = home.Path },
            "run", "--target", app.BinDirectory, "--no-cache", "--", "sh", "-c", "touch " + marker);
        FaultAssert.OneLineError(result, home.Path, "free some space");
        Assert.False(File.Exists(marker), "the command ran");
        Assert.Equal(before, app.Snapshot());
    }

    [MountFact]
    public void A_hit_file_that_meets_a_full_disk_leaves_the_program_running()
    {
        var app = TestApp.Create("Many", ManyStatements());
        using var home = Mount.Tmpfs(8 * 1024 * 1024);
        // The command fills the disk but for one page, then runs the program: its hit file's
        // header fits, its counters do not.
        var fill = $"head -c 4096 /dev/zero > {home.Path}/spare && (cat /dev/zero > {home.Path}/filler 2>/dev/null; rm {home.Path}/spare; exec dotnet {app.Dll})";
        var before = app.Snapshot();
        var result = _flowcover.Run(app.Directory, new Dictionary<string, string> { ["FLOWCOVER_HOME"] = home.Path },
            "run", "--target", app.BinDirectory, "--no-cache", "--mode", "count", "--", "sh", "-c", fill);
        FaultAssert.NoCrash(result, "a full disk under a running program");
        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}, stderr:\n{result.Error}");
        Assert.Contains("total 499500", result.Output);
        var tracker = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("no coverage of Many", StringComparison.Ordinal));
        Assert.Contains("free space", tracker);
        Assert.Equal(before, app.Snapshot());
    }

    [MountFact]
    public void A_data_file_whose_disk_fills_during_the_command_is_one_line_and_no_half_file()
    {
        var app = TestApp.Create("Workload", Workload.Source);
        using var disk = Mount.Tmpfs(1024 * 1024);
        var dataFile = Path.Combine(disk.Path, ".flowcover");
        File.WriteAllText(dataFile, "the previous data file");
        var fill = $"cat /dev/zero > {disk.Path}/filler 2>/dev/null; exec dotnet {app.Dll}";
        var before = app.Snapshot();
        var result = _flowcover.Run(app.Directory, "run", "--target", app.BinDirectory, "--data-file", dataFile, "--", "sh", "-c", fill);
        FaultAssert.OneLineError(result, dataFile, "free some space");
        Assert.Equal("the previous data file", File.ReadAllText(dataFile));
        Assert.Equal([".flowcover", "filler"], Directory.GetFiles(disk.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(before, app.Snapshot());
    }
}
