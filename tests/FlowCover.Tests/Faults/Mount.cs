using System.Diagnostics;
using Xunit;

namespace FlowCover.Tests.Faults;

/// <summary>
/// A real file system mounted for one test and unmounted by <see cref="Dispose"/>: a small
/// tmpfs (a disk that fills up for real) or a read-only bind of a folder (a read-only disk).
/// Needs root; where mounting is impossible the tests that need it are skipped, saying why
/// (<see cref="MountFactAttribute"/>).
/// </summary>
internal sealed class Mount : IDisposable
{
    private static readonly Lazy<string?> WhyImpossible = new(() =>
    {
        var probe = Scratch.Folder("mount-probe");
        Directory.CreateDirectory(probe);
        var (exit, error) = Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe);
        if (exit != 0)
            return "cannot mount a tmpfs here (needs root and mount permission): " + error.Trim();
        Run("umount", probe);
        return null;
    });

    private Mount(string path) => Path = path;

    public string Path { get; }

    /// <summary>Null when tests can mount, else the reason they cannot.</summary>
    public static string? Impossible => WhyImpossible.Value;

    /// <summary>A new, empty tmpfs of <paramref name="bytes"/> (a multiple of 4096).</summary>
    public static Mount Tmpfs(long bytes)
    {
        var path = Scratch.Folder("tmpfs");
        Directory.CreateDirectory(path);
        Check(Run("mount", "-t", "tmpfs", "-o", $"size={bytes}", "tmpfs", path));
        return new Mount(path);
    }

    /// <summary><paramref name="folder"/> itself, read-only until disposed.</summary>
    public static Mount ReadOnly(string folder)
    {
        Check(Run("mount", "--bind", folder, folder));
        var mount = new Mount(folder);
        try
        {
            Check(Run("mount", "-o", "remount,bind,ro", folder));
        }
        catch
        {
            mount.Dispose();
            throw;
        }
        return mount;
    }

    /// <summary>Fills the file system until a write fails, leaving <paramref name="spare"/>
    /// bytes (a multiple of 4096) free.</summary>
    public void Fill(long spare = 0)
    {
        var sparePath = System.IO.Path.Combine(Path, "spare");
        if (spare > 0)
            File.WriteAllBytes(sparePath, new byte[spare]);
        using (var filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, 1))
        {
            var block = new byte[4096];
            try
            {
                while (true)
                    filler.Write(block);
            }
            catch (IOException)
            {
                // Full.
            }
        }
        if (spare > 0)
            File.Delete(sparePath);
    }

    public void Dispose()
    {
        // A process that still has a file open there keeps the mount busy: detach it lazily.
        if (Run("umount", Path).Exit != 0)
            Run("umount", "-l", Path);
    }

    private static void Check((int Exit, string Error) result)
    {
        if (result.Exit != 0)
            throw new InvalidOperationException("mount failed: " + result.Error);
    }

    private static (int Exit, string Error) Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}

/// <summary>A test that mounts a file system; skipped, with the reason, where that is impossible.</summary>
public sealed class MountFactAttribute : FactAttribute
{
    public MountFactAttribute()
    {
        if (Mount.Impossible is { } reason)
            Skip = reason;
    }
}
