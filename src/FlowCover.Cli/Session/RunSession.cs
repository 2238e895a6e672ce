namespace FlowCover.Cli.Session;

/// <summary>
/// One <c>flowcover run</c>: a folder under <see cref="FlowCoverHome"/> holding its record
/// (<see cref="SessionRecord"/>), the restore journal and the data folder where instrumented
/// processes write hit files. It is made whole under a hidden name and renamed into place, by a
/// process that already holds its targets' locks; it is removed only once its hits are in the
/// data file, or when the command never ran. A session left behind (its flowcover killed, its
/// data file not writable) is finished by the next invocation (<see cref="Recovery"/>).
/// </summary>
internal sealed class RunSession : IDisposable
{
    private bool _removed;

    private RunSession(string directory, SessionRecord record)
    {
        Directory = directory;
        Record = record;
        Journal = Journal.Open(System.IO.Path.Combine(directory, "journal"));
    }

    public string Directory { get; }
    public string DataDirectory => DataDirectoryOf(Directory);
    public Journal Journal { get; }
    public SessionRecord Record { get; private set; }

    /// <summary>Whether any process of the command recorded hits: then there is something to
    /// save even if flowcover was killed before it could record that the command started.</summary>
    public bool HasHits => System.IO.Directory.Exists(DataDirectory) && System.IO.Directory.EnumerateFiles(DataDirectory, "*" + Data.HitFile.Extension).Any();

    private static string DataDirectoryOf(string directory) => System.IO.Path.Combine(directory, "data");

    public static RunSession Start(SessionRecord record)
    {
        var id = $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
        var directory = System.IO.Path.Combine(SessionStore.Folder, id);
        var building = SessionStore.Hidden(id, gone: false);
        try
        {
            System.IO.Directory.CreateDirectory(DataDirectoryOf(building));
            Journal.Create(System.IO.Path.Combine(building, "journal"));
            SessionStore.Write(building, record, durable: true);
            System.IO.Directory.Move(building, directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Data.UserError($"{SessionStore.Folder}: cannot make a run session there ({e.Message.TrimEnd('.')}); free some space or set FLOWCOVER_HOME to a writable folder.");
        }
        return new RunSession(directory, record);
    }

    /// <summary>A session left behind, to be finished by the caller (who holds its locks).</summary>
    public static RunSession Resume(string directory, SessionRecord record) => new(directory, record);

    /// <summary>Whether the measured command was started: from then on the session holds hits
    /// and is removed only once they are saved.</summary>
    public bool CommandRan { get; private set; }

    /// <summary>Records the command's pid: while it runs, the session is alive even if its
    /// flowcover is killed.</summary>
    public void CommandStarted(int pid)
    {
        CommandRan = true;
        var record = Record with { Command = ProcessIdentity.Of(pid) ?? new ProcessIdentity(pid, 0) };
        SessionStore.Write(Directory, record, durable: false);
        Record = record;
    }

    /// <summary>The session is done (its hits saved, or nothing ran): its folder goes.</summary>
    public void Remove()
    {
        if (_removed)
            return;
        SessionStore.Remove(Directory);
        _removed = true;
    }

    /// <summary>Removes the session when its command never ran (nothing to collect) and leaves
    /// it, hits and all, for the next invocation to finish otherwise.</summary>
    public void Dispose()
    {
        if (_removed || CommandRan)
            return;
        try
        {
            Journal.Restore();
            Remove();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next invocation, which restores what this one could not.
        }
    }
}
