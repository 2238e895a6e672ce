using FlowCover.Data;

namespace FlowCover.Cli;

/// <summary>
/// Checks, before any work, that a file or folder FlowCover will write at the end can be
/// written: a data file found unwritable only after the measured command ran loses the run, and
/// a report path found bad after the analysis wastes it. Each check writes and removes a small
/// probe file where the output will go, which finds a missing folder, a read-only or full disk
/// and a lack of permission alike, and changes nothing the user has.
/// </summary>
internal static class OutputPaths
{
    // Enough that a disk with no free block refuses it; a full disk has none.
    private const int ProbeBytes = 4096;

    /// <summary>A file the verb will create or replace, given as <paramref name="option"/>.</summary>
    public static void CheckFile(string option, string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new UserError($"{option} {path}: is a folder; name a file, e.g. {Path.Combine(path, "coverage")}.");
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            throw new UserError($"{option} {path}: the folder {folder} does not exist; create it or choose another path.");
        if (File.Exists(full))
            Try(option, path, () => new FileStream(full, FileMode.Open, FileAccess.Write).Dispose());
        Probe(option, path, folder);
    }

    /// <summary>A report file the verb will create or replace, given as <paramref name="option"/>;
    /// its folder is made when missing (as coverage.py makes a report's folder), so the check is
    /// of the nearest folder that exists.</summary>
    public static void CheckReportFile(string option, string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new UserError($"{option} {path}: is a folder; name a file, e.g. {Path.Combine(path, "coverage")}.");
        if (File.Exists(full))
            Try(option, path, () => new FileStream(full, FileMode.Open, FileAccess.Write).Dispose());
        NearestFolder(option, path, Path.GetDirectoryName(full)!);
    }

    /// <summary>A folder the verb will create if needed and fill, given as <paramref name="option"/>.</summary>
    public static void CheckFolder(string option, string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
            throw new UserError($"{option} {path}: is a file; name a folder.");
        NearestFolder(option, path, full);
    }

    private static void NearestFolder(string option, string path, string full)
    {
        // The nearest folder that exists is where the first write goes.
        var existing = full;
        while (!Directory.Exists(existing))
        {
            var parent = Path.GetDirectoryName(existing);
            if (parent is null || File.Exists(existing))
                throw new UserError($"{option} {path}: {existing} is not a folder; choose another path.");
            existing = parent;
        }
        Probe(option, path, existing);
    }

    private static void Probe(string option, string path, string folder) => Try(option, path, () => WriteProbe(folder, ProbeBytes));

    /// <summary>Creates a file of <paramref name="bytes"/> zeros in <paramref name="folder"/> and
    /// removes it; throws what the writing threw.</summary>
    public static void WriteProbe(string folder, int bytes)
    {
        var probe = Path.Combine(folder, $".flowcover-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}");
        using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        stream.Write(new byte[bytes]);
    }

    private static void Try(string option, string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{option} {path}: cannot write there ({Reason(e)}); {(IsFull(e) ? "free some space or " : "")}choose another path.");
        }
    }

    // Linux's errno values, which .NET carries as the HResult of the IOException it throws.
    private const int NoSpace = 28;
    private const int ReadOnlyFileSystem = 30;

    private static bool IsFull(Exception e) => e is IOException { HResult: NoSpace };

    /// <summary>Why a write failed, in a few words and no .NET type.</summary>
    public static string Reason(Exception e) => e switch
    {
        IOException { HResult: NoSpace } => "the disk is full",
        IOException { HResult: ReadOnlyFileSystem } => "a read-only file system",
        UnauthorizedAccessException => "read-only or not permitted",
        _ => e.Message.ReplaceLineEndings(" "),
    };
}
