using System.Diagnostics;

namespace FlowCover.Tests;

/// <summary>
/// Folders for tests to build, run and measure in. They all live under one folder per test
/// process, removed when the process exits; a folder a process still held then is removed by
/// the next run, which also clears the folders of runs that were killed. So the suite leaves
/// nothing behind in the temporary folder (each run used to leave a few hundred folders).
/// </summary>
internal static class Scratch
{
    private const string Prefix = "flowcover-suite-";

    private static readonly Lazy<string> Root = new(() =>
    {
        RemoveEarlierRuns();
        var root = Path.Combine(Path.GetTempPath(), $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(root);
        return root;
    });

    /// <summary>A new folder's path (not created) named for what it holds.</summary>
    public static string Folder(string purpose) => Path.Combine(Root.Value, purpose + "-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The roots of suite runs whose process is gone.</summary>
    private static void RemoveEarlierRuns()
    {
        foreach (var root in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            var name = Path.GetFileName(root)[Prefix.Length..];
            if (int.TryParse(name.Split('-')[0], out var pid) && !IsRunning(pid))
                Remove(root);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Removes what it can, folder by folder: one a child process still holds does not
    /// keep the others.</summary>
    private static void Remove(string root)
    {
        foreach (var folder in Directory.EnumerateDirectories(root).Append(root).ToList())
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
