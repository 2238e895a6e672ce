using FlowCover.Cli.Session;
using FlowCover.Data;

namespace FlowCover.Cli;

/// <summary>
/// What a run checks once it knows what it will instrument and before it changes anything:
/// that every file to be rewritten can be written (a read-only bin/ found halfway would leave
/// work to undo), and that the session's folder has room for the journal's copies of them and
/// for the hit files the instrumented modules create. A hit file is reserved in full before the
/// program maps it, and a module that finds no room counts in memory and loses its hits, so a
/// full folder is said here, once, rather than by every process of the command. With contexts,
/// each module also has an arena per process (docs/DESIGN.md, "Hit file"), reserved a chunk at a
/// time from its first test: its first chunk is counted as the process's, as the run cannot
/// know how many tests will follow.
/// </summary>
internal static class RunPreflight
{
    // Processes of the command that may load the same modules (a test host and the server it
    // starts, a tool and its workers), each with hit files of its own.
    private const int ProcessesToAllowFor = 4;

    private const long Block = 4096;

    public static void Check(IReadOnlyList<InstrumentStep.Planned> planned, CoverageMode mode, bool contexts, RunSession session, TextWriter log)
    {
        if (planned.Count == 0)
            return;
        var files = planned.SelectMany(p => p.Assembly.Files).Select(Path.GetFullPath).ToList();
        foreach (var file in files)
            CheckWritable(file);
        foreach (var folder in files.Select(f => Path.GetDirectoryName(f)!).Distinct())
            CheckCanCreateIn(folder);
        var backups = files.Sum(f => Blocks(new FileInfo(f).Length));
        var hitsPerProcess = planned.Sum(p => Blocks(HitFile.Size(p.Assembly.Model.ProbeCount, mode)) + (contexts ? HitFile.FirstArenaReserve(p.Assembly.Model.ProbeCount) : 0));
        var free = new DriveInfo(session.DataDirectory).AvailableFreeSpace;
        var what = contexts ? "the restore journal, hit files and the first chunk of each module's context arena" : "the restore journal and hit files";
        if (free < backups + hitsPerProcess)
            throw new UserError($"{session.Directory}: {Megabytes(free)} free, the run needs {Megabytes(backups + hitsPerProcess)} for {what}; "
                + "free some space or set FLOWCOVER_HOME to a folder on a larger disk.");
        if (free < backups + hitsPerProcess * ProcessesToAllowFor)
            log.WriteLine($"flowcover: warning: {session.Directory}: {Megabytes(free)} free, room for the hit files of fewer than {ProcessesToAllowFor} processes "
                + $"({Megabytes(hitsPerProcess)} each); a process that finds no room runs on without coverage; free some space or set FLOWCOVER_HOME.");
    }

    private static long Blocks(long bytes) => (bytes + Block - 1) / Block * Block;

    private static string Megabytes(long bytes) => $"{bytes / 1048576.0:0.#} MB";

    /// <summary>Opens the file for writing, changing nothing.</summary>
    private static void CheckWritable(string file)
    {
        try
        {
            new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite).Dispose();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new UserError($"{file}: cannot be written ({OutputPaths.Reason(e)}), so it cannot be instrumented; nothing was changed; make the build output writable or measure a writable copy.");
        }
    }

    /// <summary>Makes and removes a file in <paramref name="folder"/>: restoring renames a copy
    /// into place there.</summary>
    private static void CheckCanCreateIn(string folder)
    {
        try
        {
            OutputPaths.WriteProbe(folder, 0);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new UserError($"{folder}: no new file can be made there ({OutputPaths.Reason(e)}), so its assemblies cannot be instrumented and restored; nothing was changed; make the folder writable.");
        }
    }
}
