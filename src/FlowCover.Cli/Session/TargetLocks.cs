using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using FlowCover.Data;

namespace FlowCover.Cli.Session;

/// <summary>
/// One writer per target folder: an advisory lock (flock, through a FileStream opened with
/// FileShare.None) on <c>$FLOWCOVER_HOME/locks/HASH.lock</c>, HASH naming the folder's real path
/// (symlinks resolved), held from before the first file is journaled until the session is gone.
/// Recovering a session also takes its locks, so a session is never restored while another run
/// journals the same files. A run started by the measured command of a run that holds a folder's
/// lock (FlowCover measuring its own suite) takes a lock one level down instead
/// (<c>HASH.1.lock</c>): the outer run writes nothing while its command runs.
/// </summary>
internal sealed partial class TargetLocks : IDisposable
{
    /// <summary>The locks held by the runs the current process runs under, comma-separated.</summary>
    public const string HeldVariable = "FLOWCOVER_HELD_LOCKS";

    /// <summary>How many seconds a run waits for another run on the same target (default 600).</summary>
    public const string TimeoutVariable = "FLOWCOVER_LOCK_TIMEOUT";

    // What a FileStream opened with FileShare.None reports when another process holds the lock.
    private const int EWouldBlockLinux = 11, EWouldBlockBsd = 35;

    private readonly List<FileStream> _streams;

    private TargetLocks(List<string> names, List<FileStream> streams)
    {
        Names = names;
        _streams = streams;
    }

    public List<string> Names { get; }

    private static string Folder => Path.Combine(FlowCoverHome.Path, "locks");

    /// <summary>The lock names of <paramref name="targets"/> (a file's lock is its folder's),
    /// sorted so two runs over overlapping targets take them in one order.</summary>
    public static List<string> NamesFor(IEnumerable<string> targets)
    {
        var held = (Environment.GetEnvironmentVariable(HeldVariable) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        return targets.Select(t => RealPath(File.Exists(t) ? Path.GetDirectoryName(Path.GetFullPath(t))! : t))
            .Select(folder => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(folder)))[..32])
            .Distinct()
            .Select(key => held.Count(h => h.Split('.')[0] == key) is var depth and > 0 ? $"{key}.{depth}" : key)
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The value of <see cref="HeldVariable"/> for the measured command.</summary>
    public string HeldForCommand()
    {
        var outer = Environment.GetEnvironmentVariable(HeldVariable);
        return string.Join(',', string.IsNullOrEmpty(outer) ? Names : [outer, .. Names]);
    }

    /// <summary>Takes the locks of <paramref name="targets"/>, waiting (one line says so) while
    /// another run holds one or a live session still uses it, up to <see cref="TimeoutVariable"/>
    /// seconds; then refuses with one line. The locks this process already holds in
    /// <paramref name="held"/> are counted in, not taken again.</summary>
    public static TargetLocks Acquire(IReadOnlyList<string> targets, TextWriter log, TargetLocks? held = null)
    {
        var names = NamesFor(targets).Union(held?.Names ?? []).Order(StringComparer.Ordinal).ToList();
        var timeout = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable(TimeoutVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 600);
        var clock = Stopwatch.StartNew();
        var said = false;
        while (true)
        {
            if (TryAcquire(names, held?.Names ?? []) is { } locks)
            {
                if (SessionStore.LiveUser(names) is not { } live)
                    return locks;
                locks.Dispose();
                if (clock.Elapsed >= timeout)
                    throw Busy(targets, live, timeout);
                if (!said)
                    log.WriteLine($"flowcover: waiting for another flowcover run on {string.Join(", ", targets)} (pid {live.Owner.Pid}) to finish");
                said = true;
            }
            else
            {
                if (clock.Elapsed >= timeout)
                    throw Busy(targets, SessionStore.LiveUser(names), timeout);
                if (!said)
                    log.WriteLine($"flowcover: waiting for another flowcover run on {string.Join(", ", targets)} to finish");
                said = true;
            }
            Thread.Sleep(50);
        }
    }

    private static UserError Busy(IReadOnlyList<string> targets, SessionRecord? holder, TimeSpan waited) => new(
        $"{string.Join(", ", targets)}: another flowcover run{(holder is null ? "" : $" (pid {holder.Owner.Pid})")} is measuring it and did not finish in {waited.TotalSeconds:0} s; " +
        $"run again once it ends (or set {TimeoutVariable} to wait longer)");

    /// <summary>Takes every lock not already in <paramref name="held"/> at once, or none.</summary>
    public static TargetLocks? TryAcquire(IEnumerable<string> names, IReadOnlyCollection<string> held)
    {
        Directory.CreateDirectory(Folder);
        var streams = new List<FileStream>();
        var taken = names.ToList();
        foreach (var name in taken.Except(held))
        {
            try
            {
                streams.Add(new FileStream(Path.Combine(Folder, name + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                foreach (var stream in streams)
                    stream.Dispose();
                if (e.HResult is EWouldBlockLinux or EWouldBlockBsd)
                    return null;
                throw new UserError($"{Path.Combine(Folder, name + ".lock")}: cannot take the target lock ({e.Message}); make {FlowCoverHome.Path} writable or set FLOWCOVER_HOME to a folder that is.");
            }
        }
        return new TargetLocks(taken, streams);
    }

    public void Dispose()
    {
        foreach (var stream in _streams)
            stream.Dispose();
    }

    /// <summary>The path with every symlink resolved; as given when it does not exist (the
    /// run then stops on it with its own message).</summary>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
            return full;
        var resolved = Resolve(full, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
            return full;
        try
        {
            return Marshal.PtrToStringUTF8(resolved) ?? full;
        }
        finally
        {
            Marshal.FreeHGlobal(resolved);
        }
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr Resolve(string path, IntPtr buffer);
}
