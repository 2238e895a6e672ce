using System.Globalization;
using System.Text.Json;

namespace FlowCover.Cli.Session;

/// <summary>
/// The sessions folder under <see cref="FlowCoverHome"/>. A session is visible there, under its
/// own name, only once it is whole: it is built under <c>.new-PID-START-ID</c> and renamed,
/// and removed by renaming it to <c>.gone-PID-START-ID</c> first, so a reader never meets half
/// of one. Names starting with a dot are left to the process they name while it runs.
/// </summary>
internal static class SessionStore
{
    public const string RecordName = "session.json";
    private const string NewPrefix = ".new-";
    private const string GonePrefix = ".gone-";

    public static string Folder => FlowCoverHome.Sessions;

    /// <summary>The visible sessions, newest first (a run nested in another one is undone first).</summary>
    public static IEnumerable<string> Folders() =>
        Directory.Exists(Folder)
            ? Directory.GetDirectories(Folder).Where(d => !Path.GetFileName(d).StartsWith('.')).OrderDescending(StringComparer.Ordinal)
            : [];

    /// <summary>A session's record; null when it is gone or cannot be read.</summary>
    public static SessionRecord? Read(string folder)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(folder, RecordName)), CliJsonContext.Default.SessionRecord);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <param name="durable">Whether to flush it to the disk: what a session holds must survive
    /// a power cut, but which processes run it need not (after one, none does), and the
    /// command's pid is best recorded the instant it runs.</param>
    public static void Write(string folder, SessionRecord record, bool durable)
    {
        var path = Path.Combine(folder, RecordName);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, record, CliJsonContext.Default.SessionRecord);
            stream.Flush(flushToDisk: durable);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>A live session holding one of these locks, if any.</summary>
    public static SessionRecord? LiveUser(IReadOnlyCollection<string> locks) =>
        Folders().Select(Read).FirstOrDefault(r => r is not null && r.Locks.Intersect(locks).Any() && r.IsAlive());

    /// <summary>The live session whose hits go to <paramref name="dataFile"/>, if any.</summary>
    public static SessionRecord? LiveWriterOf(string dataFile) =>
        Folders().Select(Read).FirstOrDefault(r => r is not null && r.DataFile == Path.GetFullPath(dataFile) && r.IsAlive());

    /// <summary>A folder name for building (<paramref name="gone"/> false) or removing a
    /// session, which names this process so no other one touches it while it lives.</summary>
    public static string Hidden(string id, bool gone) =>
        Path.Combine(Folder, $"{(gone ? GonePrefix : NewPrefix)}{ProcessIdentity.Current.Pid}-{ProcessIdentity.Current.StartTime}-{id}");

    /// <summary>Removes a session folder: renamed out of sight first, then deleted.</summary>
    public static void Remove(string folder)
    {
        var gone = Hidden(Path.GetFileName(folder), gone: true);
        Directory.Move(folder, gone);
        Directory.Delete(gone, recursive: true);
    }

    /// <summary>Deletes what processes that are gone left half built or half removed.</summary>
    public static void Sweep()
    {
        if (!Directory.Exists(Folder))
            return;
        foreach (var folder in Directory.GetDirectories(Folder))
        {
            var name = Path.GetFileName(folder);
            var prefix = name.StartsWith(NewPrefix, StringComparison.Ordinal) ? NewPrefix : name.StartsWith(GonePrefix, StringComparison.Ordinal) ? GonePrefix : null;
            if (prefix is null)
                continue;
            var parts = name[prefix.Length..].Split('-');
            if (parts.Length > 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid) && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var start)
                && new ProcessIdentity(pid, start).IsAlive())
                continue;
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another invocation is deleting it too.
            }
        }
    }
}
