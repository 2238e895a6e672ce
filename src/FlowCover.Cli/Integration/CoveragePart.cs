using System.Globalization;
using FlowCover.Cli.Session;
using FlowCover.Data;
using FlowCover.Data.Contexts;

namespace FlowCover.Cli.Integration;

/// <summary>
/// One test project's share of the data file under <c>dotnet test</c>. A <c>dotnet test</c> of a
/// solution runs each test project in a session of its own (one after another or at once, in
/// processes FlowCover cannot tie to one invocation), so each session keeps its coverage as a
/// part, <c>DATAFILE.parts/NAME.HASH.flowcover</c> (HASH names the test assembly's path), with a
/// record of the build it measured beside it (<c>.build</c>: when it ran, and the SHA-256 of the
/// test assembly and of every measured file as built). The data file is then the combination of
/// every part whose build is still the one on disk; a part whose files were rebuilt since is left
/// out, said in one line: its counters would describe code that is no longer there.
/// </summary>
internal sealed record CoveragePart(string Path, string Name, DateTime Ran, IReadOnlyList<(string File, string Hash)> Build)
{
    private const string BuildExtension = ".build";

    /// <summary>The folder of the parts of <paramref name="dataFile"/>.</summary>
    public static string FolderOf(string dataFile) => System.IO.Path.GetFullPath(dataFile) + ".parts";

    /// <summary>The part of the session that runs <paramref name="testAssemblies"/>.</summary>
    public static string PathFor(string dataFile, IReadOnlyList<string> testAssemblies)
    {
        var key = string.Join('\n', testAssemblies.Select(System.IO.Path.GetFullPath));
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..8].ToLowerInvariant();
        var name = System.IO.Path.GetFileNameWithoutExtension(testAssemblies[0]);
        return System.IO.Path.Combine(FolderOf(dataFile), $"{name}.{hash}{CoverageDataFile.DefaultName}");
    }

    /// <summary>Records, after the run restored every file, the build the part measured.</summary>
    public static void Record(string part, IEnumerable<string> files)
    {
        var lines = new List<string> { "ran " + DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture) };
        lines.AddRange(files.Select(System.IO.Path.GetFullPath).Distinct(StringComparer.Ordinal).Where(File.Exists).Select(f => $"file {Journal.Hash(f)} {f}"));
        var temp = part + BuildExtension + ".tmp";
        File.WriteAllLines(temp, lines);
        File.Move(temp, part + BuildExtension, overwrite: true);
    }

    /// <summary>Every part of <paramref name="dataFile"/> that has data.</summary>
    public static IReadOnlyList<CoveragePart> All(string dataFile)
    {
        var folder = FolderOf(dataFile);
        if (!Directory.Exists(folder))
            return [];
        return Directory.GetFiles(folder, "*" + CoverageDataFile.DefaultName).Order(StringComparer.Ordinal).Select(Read).ToList();
    }

    /// <summary>Removes a part, its build record and its context database.</summary>
    public static void Remove(string part)
    {
        foreach (var file in new[] { part, part + BuildExtension, ContextDatabase.PathFor(part) })
            File.Delete(file);
    }

    /// <summary>Why this part no longer describes the build on disk, or null when it still does
    /// (files named from <paramref name="root"/>).</summary>
    public string? Stale(string root)
    {
        if (Build.Count == 0)
            return "no record of the build it measured (its run was interrupted)";
        foreach (var (file, hash) in Build)
        {
            if (!File.Exists(file))
                return $"{System.IO.Path.GetRelativePath(root, file)} is gone";
            if (!string.Equals(Journal.Hash(file), hash, StringComparison.OrdinalIgnoreCase))
                return $"{System.IO.Path.GetRelativePath(root, file)} was rebuilt since";
        }
        return null;
    }

    /// <summary>When it ran, as the lines about it say.</summary>
    public string When => Ran == default ? "at an unknown time" : "at " + Ran.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    private static CoveragePart Read(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        name = name[..name.LastIndexOf('.', name.Length - CoverageDataFile.DefaultName.Length - 1)];
        var ran = default(DateTime);
        var build = new List<(string, string)>();
        if (File.Exists(path + BuildExtension))
        {
            foreach (var line in File.ReadAllLines(path + BuildExtension))
            {
                if (line.StartsWith("ran ", StringComparison.Ordinal))
                    _ = DateTime.TryParse(line[4..], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out ran);
                else if (line.StartsWith("file ", StringComparison.Ordinal) && line.Split(' ', 3) is [_, var hash, var file])
                    build.Add((file, hash));
            }
        }
        return new CoveragePart(path, name, ran, build);
    }
}
