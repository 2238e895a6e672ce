using System.Security.Cryptography;
using System.Text.Json;

namespace FlowCover.Cli.Session;

/// <summary>
/// The restore journal of one run: a byte copy of every file FlowCover is about to rewrite,
/// saved before the first write, and the hash of the copy it then wrote. A file is replaced by
/// writing its new form beside it (<see cref="PendingPath"/>), recording that form's hash, and
/// renaming it into place; restoring renames the backup back the same way (never rewriting in
/// place, which a process still mapping the instrumented file would see), with its original
/// timestamp, so incremental builds see nothing happened. A backup goes back only over the very
/// file FlowCover wrote: a file that is anything else on disk is a newer build, which stays.
/// docs/sessions.md describes the format.
/// </summary>
internal sealed class Journal
{
    private const string ManifestName = "journal.json";
    private const string PendingSuffix = ".flowcover-new";
    private const string RestoringSuffix = ".flowcover-restore";
    private readonly string _directory;
    private readonly List<Entry> _entries;

    /// <param name="Module">The key of the module the file belongs to.</param>
    /// <param name="Sha256">The original's hash (the backup's).</param>
    /// <param name="WrittenSha256">The hash of the copy FlowCover wrote, recorded before it
    /// was renamed into place; null until then.</param>
    internal sealed record Entry(string Path, string Module, string Backup, string Sha256, string? WrittenSha256, DateTime LastWriteUtc);

    /// <summary>What a restore did with each file.</summary>
    /// <param name="Restored">Files put back.</param>
    /// <param name="Replaced">Files that were neither the original nor FlowCover's copy: a
    /// newer build, left as it is; its backup is dropped.</param>
    /// <param name="Reverted">Files FlowCover's copy had replaced that are the original again
    /// (put back by a build, or by an earlier restore).</param>
    /// <param name="Stranded">Files still instrumented whose backup is gone.</param>
    internal sealed record Outcome(int Restored, IReadOnlyList<Entry> Replaced, IReadOnlyList<Entry> Reverted, IReadOnlyList<Entry> Stranded)
    {
        /// <summary>Files that were not FlowCover's copy when the measured command ended (it
        /// rebuilt them), one a module.</summary>
        public IEnumerable<Entry> Rebuilt => PerModule(Replaced.Concat(Reverted));

        /// <summary>One of <see cref="Replaced"/> a module, its assembly rather than its symbols.</summary>
        public IEnumerable<Entry> ReplacedModules => PerModule(Replaced);

        private static IEnumerable<Entry> PerModule(IEnumerable<Entry> entries) =>
            entries.OrderBy(e => e.Path.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase)).DistinctBy(e => e.Module);
    }

    private Journal(string directory, List<Entry> entries)
    {
        _directory = directory;
        _entries = entries;
    }

    public static Journal Create(string directory)
    {
        Directory.CreateDirectory(System.IO.Path.Combine(directory, "backup"));
        return new Journal(directory, []);
    }

    /// <summary>The journal in a session folder; an empty one when there is none yet (the
    /// session ended before its first save).</summary>
    public static Journal Open(string directory)
    {
        var manifest = System.IO.Path.Combine(directory, ManifestName);
        if (!File.Exists(manifest))
            return new Journal(directory, []);
        var entries = JsonSerializer.Deserialize(File.ReadAllText(manifest), CliJsonContext.Default.ListEntry) ?? [];
        return new Journal(directory, entries);
    }

    public int Count => _entries.Count;

    /// <summary>Where the new form of <paramref name="path"/> is written before it replaces it.</summary>
    public static string PendingPath(string path) => path + PendingSuffix;

    /// <summary>Backs up files (skipping ones already saved) and persists the manifest.</summary>
    public void Save(IEnumerable<(string Path, string Module)> files)
    {
        foreach (var (file, module) in files)
        {
            var path = System.IO.Path.GetFullPath(file);
            if (_entries.Any(e => e.Path == path))
                continue;
            var backup = System.IO.Path.Combine(_directory, "backup", _entries.Count.ToString());
            File.Copy(path, backup, overwrite: true);
            _entries.Add(new Entry(path, module, backup, Hash(backup), null, File.GetLastWriteTimeUtc(path)));
        }
        Persist();
    }

    /// <summary>Moves the files written at their <see cref="PendingPath"/> into place: their
    /// hashes are recorded (and the manifest flushed) before the first rename, so whatever
    /// happens after, a file on disk is either the original or exactly what was recorded.</summary>
    public void Replace(IEnumerable<string> paths)
    {
        var replaced = new List<Entry>();
        foreach (var path in paths.Select(System.IO.Path.GetFullPath))
        {
            var index = _entries.FindIndex(e => e.Path == path);
            var pending = PendingPath(path);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(pending, File.GetUnixFileMode(path));
            _entries[index] = _entries[index] with { WrittenSha256 = Hash(pending) };
            replaced.Add(_entries[index]);
        }
        Persist();
        foreach (var entry in replaced)
            File.Move(PendingPath(entry.Path), entry.Path, overwrite: true);
    }

    /// <summary>Puts back every file that is still the copy FlowCover wrote, leaves a newer
    /// build where it is, and clears what a write or restore cut short left beside the files.
    /// Doing it twice does nothing more.</summary>
    public Outcome Restore()
    {
        var restored = 0;
        var replaced = new List<Entry>();
        var reverted = new List<Entry>();
        var stranded = new List<Entry>();
        foreach (var entry in _entries)
        {
            File.Delete(PendingPath(entry.Path));
            File.Delete(entry.Path + RestoringSuffix);
            var onDisk = File.Exists(entry.Path) ? Hash(entry.Path) : null;
            if (onDisk == entry.Sha256)
            {
                if (entry.WrittenSha256 is not null)
                    reverted.Add(entry);
                continue;
            }
            if (onDisk is null || onDisk != entry.WrittenSha256)
            {
                replaced.Add(entry);
                continue;
            }
            if (!File.Exists(entry.Backup))
            {
                stranded.Add(entry);
                continue;
            }
            var temp = entry.Path + RestoringSuffix;
            File.Copy(entry.Backup, temp, overwrite: true);
            File.SetLastWriteTimeUtc(temp, entry.LastWriteUtc);
            File.Move(temp, entry.Path, overwrite: true);
            restored++;
        }
        return new Outcome(restored, replaced, reverted, stranded);
    }

    /// <summary>Drops every entry and backup once restored, so a session kept for its hits
    /// does not say again what its restore did.</summary>
    public void Forget()
    {
        _entries.Clear();
        Persist();
        var backups = System.IO.Path.Combine(_directory, "backup");
        if (Directory.Exists(backups))
            Directory.Delete(backups, recursive: true);
    }

    private void Persist()
    {
        var manifest = System.IO.Path.Combine(_directory, ManifestName);
        var temp = manifest + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, _entries, CliJsonContext.Default.ListEntry);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, manifest, overwrite: true);
    }

    public static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
