using System.Diagnostics;
using System.Runtime.InteropServices;
using FlowCover.Data;
using FlowCover.Reporting;
using FlowCover.Tests.Cli;
using FlowCover.Tests.Validation;
using Xunit;

namespace FlowCover.Tests.Session;

/// <summary>
/// The program the session fault tests measure, and how they drive flowcover around it: each
/// flowcover is started in a process group of its own (setsid), so a test can kill flowcover
/// alone or with its command, and wait until every process of the run is gone before it looks.
/// </summary>
internal sealed partial class FaultApp
{
    /// <summary>"done MARKER": records its hit, writes MARKER, exits 7. "wait MARKER": records
    /// its hit, writes its pid to MARKER and sleeps until a signal ends it.</summary>
    public const string Source = """
        using System;
        using System.IO;
        using System.Threading;

        public static class Program
        {
            public static int Main(string[] args)
            {
                Recorded();
                if (args[0] == "wait")
                {
                    File.WriteAllText(args[1], Environment.ProcessId.ToString());
                    Thread.Sleep(Timeout.Infinite);
                }
                File.WriteAllText(args[1], "done");
                return 7;
            }

            private static void Recorded()
            {
                Console.Out.Flush();
            }
        }
        """;

    /// <summary>The same program built again from a changed source: a newer build.</summary>
    public const string NewerSource = Source + "\n// rebuilt\n";

    public FaultApp()
    {
        App = TestApp.Create("Faulty", Source);
        Original = App.Snapshot();
    }

    public FlowCoverProcess FlowCover { get; } = new();
    public TestApp App { get; }

    /// <summary>The build output as it was built.</summary>
    public Dictionary<string, byte[]> Original { get; }

    public string Bin => App.BinDirectory;
    public string Marker => Path.Combine(App.Directory, "marker");

    public string[] Run(string dataFile, string mode, string marker) =>
        ["run", "--data-file", dataFile, "--target", Bin, "--", "dotnet", App.Dll, mode, marker];

    /// <summary>A newer build of the app, as another build would leave it in bin/.</summary>
    public static Dictionary<string, byte[]> NewerBuild(FaultApp app)
    {
        var newer = TestApp.Create("Faulty", NewerSource);
        return newer.Snapshot().ToDictionary(f => Path.Combine(app.Bin, Path.GetFileName(f.Key)), f => f.Value);
    }

    /// <summary>Makes bin/ hold exactly these files.</summary>
    public void Put(Dictionary<string, byte[]> files)
    {
        foreach (var file in Directory.GetFiles(Bin).Where(f => !files.ContainsKey(f)))
            File.Delete(file);
        foreach (var (path, bytes) in files)
            File.WriteAllBytes(path, bytes);
    }

    /// <summary>Whether bin/ holds exactly these files (no more, no fewer, same bytes).</summary>
    public bool Holds(Dictionary<string, byte[]> files)
    {
        var now = App.Snapshot();
        return now.Count == files.Count && files.All(f => now.TryGetValue(f.Key, out var bytes) && bytes.AsSpan().SequenceEqual(f.Value));
    }

    /// <summary>How often <c>Recorded();</c> ran by this data file.</summary>
    public long Hits(string dataFile)
    {
        var data = CoverageDataFile.Read(dataFile);
        var line = SourceText.LineOf(Source, "Console.Out.Flush();");
        return Assert.Single(CoverageAnalysis.Analyze(data, App.Directory).Files).Lines.Single(l => l.Line == line).Hits;
    }

    /// <summary>Starts flowcover in a new process group whose id is its pid.</summary>
    public Group Start(params string[] arguments) => Start(new Dictionary<string, string>(), arguments);

    public Group Start(IDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = App.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["dotnet", FlowCoverProcess.CliDll, .. arguments])
            start.ArgumentList.Add(argument);
        start.Environment["FLOWCOVER_HOME"] = FlowCover.Home;
        start.Environment.Remove("FLOWCOVER_DATA_DIR");
        start.Environment.Remove("FLOWCOVER_HELD_LOCKS");
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return new Group(Process.Start(start)!);
    }

    /// <summary>The sessions FlowCover still keeps.</summary>
    public int SessionsLeft()
    {
        var sessions = Path.Combine(FlowCover.Home, "sessions");
        return Directory.Exists(sessions) ? Directory.GetDirectories(sessions).Length : 0;
    }

    /// <summary>Whether a message carries what the user must never see.</summary>
    public static bool HasStackTrace(string error) =>
        error.Contains("   at ", StringComparison.Ordinal) || error.Contains("Exception", StringComparison.Ordinal);

    /// <summary>A flowcover process and the process group it leads.</summary>
    public sealed class Group(Process process) : IDisposable
    {
        private readonly Task<string> _output = process.StandardOutput.ReadToEndAsync();
        private readonly Task<string> _error = process.StandardError.ReadToEndAsync();

        public int Pid => process.Id;
        public Process Process => process;

        /// <summary>Waits for flowcover and every process of its group (its command's) to end.</summary>
        public (int ExitCode, string Output, string Error) Wait()
        {
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
                throw new TimeoutException("flowcover did not end");
            WaitForGroup(Pid);
            return (process.ExitCode, _output.Result, _error.Result);
        }

        public void Dispose()
        {
            if (!process.HasExited)
                _ = Kill(-Pid, 9);
            process.Dispose();
        }
    }

    public static void WaitForGroup(int group)
    {
        for (var i = 0; i < 3000; i++)
        {
            if (!Directory.GetDirectories("/proc").Any(d => InGroup(d, group)))
                return;
            Thread.Sleep(20);
        }
        throw new TimeoutException($"process group {group} did not end");
    }

    private static bool InGroup(string procDirectory, int group)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(procDirectory, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is the state (field 3), fields[2] the process group (field 5).
            return fields[0] != "Z" && fields[2] == group.ToString();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>Waits until the command wrote its pid to the marker.</summary>
    public static int WaitForPid(string marker, Group run)
    {
        for (var i = 0; i < 1200 && !run.Process.HasExited; i++)
        {
            if (File.Exists(marker) && int.TryParse(File.ReadAllText(marker), out var pid))
                return pid;
            Thread.Sleep(50);
        }
        throw new InvalidOperationException("the measured program never started");
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    public static partial int Kill(int pid, int signal);
}
