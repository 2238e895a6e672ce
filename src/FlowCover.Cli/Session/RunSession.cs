namespace FlowCover.Cli.Session;

/// <summary>
/// One <c>flowcover run</c>: a folder under <see cref="FlowCoverHome"/> holding the restore
/// journal and the data folder where instrumented processes write hit files. An exclusive lock
/// on <c>owner.lock</c> marks it alive; a session whose lock can be taken was abandoned (its
/// flowcover was killed) and is restored by the next invocation of any verb.
/// </summary>
internal sealed class RunSession : IDisposable
{
    private readonly FileStream _lock;

    private RunSession(string directory, FileStream ownerLock)
    {
        Directory = directory;
        _lock = ownerLock;
        Journal = Journal.Create(System.IO.Path.Combine(directory, "journal"));
    }

    public string Directory { get; }
    public string DataDirectory => System.IO.Path.Combine(Directory, "data");
    public Journal Journal { get; }

    public static RunSession Start()
    {
        var directory = System.IO.Path.Combine(FlowCoverHome.Sessions, $"{DateTime.UtcNow:yyyyMMddHHmmss}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(directory, "data"));
        var ownerLock = new FileStream(System.IO.Path.Combine(directory, "owner.lock"), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        return new RunSession(directory, ownerLock);
    }

    /// <summary>Restores and removes every session whose owner is gone. Returns the number of
    /// files put back.</summary>
    public static int RecoverAbandoned(TextWriter log)
    {
        if (!System.IO.Directory.Exists(FlowCoverHome.Sessions))
            return 0;
        var restored = 0;
        foreach (var directory in System.IO.Directory.GetDirectories(FlowCoverHome.Sessions))
        {
            FileStream probe;
            try
            {
                probe = new FileStream(System.IO.Path.Combine(directory, "owner.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue; // Its flowcover is still running.
            }
            using (probe)
            {
                var count = Journal.Open(System.IO.Path.Combine(directory, "journal"))?.Restore() ?? 0;
                if (count > 0)
                    log.WriteLine($"flowcover: restored {count} file(s) left instrumented by an interrupted run");
                restored += count;
            }
            System.IO.Directory.Delete(directory, recursive: true);
        }
        return restored;
    }

    public void Dispose()
    {
        _lock.Dispose();
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
    }
}
