using System.Security.Cryptography;
using System.Text.Json;
using FlowCover.Data;

namespace FlowCover.Cli.Session;

/// <summary>
/// The restore journal of one run: a byte copy of every file FlowCover is about to rewrite,
/// saved and flushed before the first write. Restoring puts each file back through a rename
/// (never rewriting in place, which a process still mapping the instrumented file would see)
/// with its original timestamp, so incremental builds see nothing happened.
/// </summary>
internal sealed class Journal
{
    private const string ManifestName = "journal.json";
    private readonly string _directory;
    private readonly List<Entry> _entries;

    internal sealed record Entry(string Path, string Backup, string Sha256, DateTime LastWriteUtc);

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

    public static Journal? Open(string directory)
    {
        var manifest = System.IO.Path.Combine(directory, ManifestName);
        if (!File.Exists(manifest))
            return null;
        var entries = JsonSerializer.Deserialize(File.ReadAllText(manifest), CliJsonContext.Default.ListEntry) ?? [];
        return new Journal(directory, entries);
    }

    public int Count => _entries.Count;

    /// <summary>Backs up files (skipping ones already saved) and persists the manifest.</summary>
    public void Save(IEnumerable<string> paths)
    {
        foreach (var path in paths.Select(System.IO.Path.GetFullPath))
        {
            if (_entries.Any(e => e.Path == path))
                continue;
            var backup = System.IO.Path.Combine(_directory, "backup", _entries.Count.ToString());
            File.Copy(path, backup, overwrite: true);
            _entries.Add(new Entry(path, backup, Hash(path), File.GetLastWriteTimeUtc(path)));
        }
        var manifest = System.IO.Path.Combine(_directory, ManifestName);
        var temp = manifest + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, _entries, CliJsonContext.Default.ListEntry);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, manifest, overwrite: true);
    }

    /// <summary>Puts every file back as it was; returns how many had changed.</summary>
    public int Restore()
    {
        var restored = 0;
        foreach (var entry in _entries)
        {
            if (!File.Exists(entry.Backup))
                throw new UserError($"{entry.Path}: its backup {entry.Backup} is missing; rebuild the project to get a clean copy.");
            if (File.Exists(entry.Path) && Hash(entry.Path) == entry.Sha256)
                continue;
            var temp = entry.Path + ".flowcover-restore";
            File.Copy(entry.Backup, temp, overwrite: true);
            File.SetLastWriteTimeUtc(temp, entry.LastWriteUtc);
            File.Move(temp, entry.Path, overwrite: true);
            restored++;
        }
        return restored;
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
