using System.Text.Json;
using FlowCover.Cli.Session;
using FlowCover.Data;
using FlowCover.Instrumentation;
using FlowCover.Instrumentation.Probes;

namespace FlowCover.Cli.Cache;

/// <summary>
/// Instrumented assemblies kept by <see cref="CacheKey"/> under <c>$FLOWCOVER_HOME/cache</c>,
/// so a run over a build that did not change (the next <c>flowcover test</c> of an unchanged
/// project, the libraries of a solution beside the one project being edited) copies the
/// instrumented files instead of reading, planning and writing them again. Assemblies that are
/// not measured (test projects, no measured sources) are remembered with the reason.
/// An entry is a folder, made under a temporary name and renamed into place, so a reader never
/// sees half of one; the least recently used go first once there are more than
/// <see cref="MaxEntries"/> or they pass <see cref="MaxBytes"/>. The cache only ever saves time:
/// an entry that cannot be read or written is ignored.
/// </summary>
internal sealed class InstrumentationCache(string root)
{
    public const int MaxEntries = 64;
    public const long MaxBytes = 2L << 30;
    private const string ManifestName = "entry.json";
    private const string AssemblyName = "assembly";
    private const string SymbolsName = "symbols";
    private const string ModelName = "model.json";

    public static string DefaultRoot => Path.Combine(FlowCoverHome.Path, "cache");

    /// <param name="Skip">Why the assembly is not measured; null for an instrumented one.</param>
    /// <param name="BakedDirectory">The data folder baked into the cached assembly.</param>
    /// <param name="ModelLength">The model file's length: the model is copied into the data
    /// file unread (<see cref="ModuleModelFile.ReadIdentity"/>), so a cut-off one must not be used.</param>
    /// <param name="Size">The files and statements the model measures (null for a skip).</param>
    internal sealed record Manifest(string? Skip, string? BakedDirectory, long AssemblyLength, long SymbolsLength, long ModelLength, MeasuredSize? Size);

    /// <summary>What the cache knows of <paramref name="key"/>: the assembly ready to be
    /// written for a session writing to <paramref name="dataDirectory"/>, or the reason it is
    /// skipped; null when it knows nothing usable.</summary>
    public (IPreparedAssembly? Assembly, string? Skip)? Find(string key, string assemblyPath, string dataDirectory, ModelFiles modelFiles)
    {
        var entry = Path.Combine(root, key);
        try
        {
            if (!Directory.Exists(entry) || JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(entry, ManifestName)), CliJsonContext.Default.Manifest) is not { } manifest)
                return null;
            if (manifest.Skip is not null)
                return Used(entry, (null, manifest.Skip));
            var assembly = File.ReadAllBytes(Path.Combine(entry, AssemblyName));
            var symbolsPath = Path.Combine(entry, SymbolsName);
            var symbols = File.Exists(symbolsPath) ? File.ReadAllBytes(symbolsPath) : null;
            var modelFile = new FileInfo(Path.Combine(entry, ModelName));
            if (assembly.Length != manifest.AssemblyLength || (symbols?.Length ?? -1) != manifest.SymbolsLength || manifest.BakedDirectory is null || manifest.Size is not { } size
                || !modelFile.Exists || modelFile.Length != manifest.ModelLength || ModuleModelFile.ReadIdentity(modelFile.FullName, modelFiles) is not { } model)
                return Discard(entry);
            if (!BakedDirectory.CanRepoint(dataDirectory))
                return null;
            if (!BakedDirectory.Repoint(assembly, manifest.BakedDirectory, dataDirectory))
                return Discard(entry); // Its folder is not baked exactly once: it never can be used.
            return Used(entry, (new CachedAssembly(assemblyPath, model, size, modelFile.FullName, assembly, symbols), null));
        }
        catch (JsonException)
        {
            return Discard(entry);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Marks an entry recently used, once it is known to serve this run.</summary>
    private static (IPreparedAssembly?, string?) Used(string entry, (IPreparedAssembly?, string?) found)
    {
        Directory.SetLastWriteTimeUtc(entry, DateTime.UtcNow);
        return found;
    }

    /// <summary>Removes an entry that is not whole (cut off, or written by a FlowCover that
    /// kept less), so the next run stores a good one in its place: it would never be pruned,
    /// being found, and never replaced, being there.</summary>
    private static (IPreparedAssembly?, string?)? Discard(string entry)
    {
        try
        {
            Directory.Delete(entry, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another run is removing or reading it: a miss either way.
        }
        return null;
    }

    public void StoreSkip(string key, string skip) =>
        Store(key, new Manifest(skip, null, 0, -1, 0, null), _ => { });

    /// <summary>Keeps <paramref name="written"/>'s files as they are now, instrumented for a
    /// session writing to <paramref name="dataDirectory"/>, with its model.</summary>
    public void Store(string key, IPreparedAssembly written, string dataDirectory)
    {
        if (!BakedDirectory.CanRepoint(dataDirectory))
            return;
        var symbols = written.Files.Count > 1 ? written.Files[1] : null;
        var model = ModuleModelFile.PathFor(dataDirectory, written.Model.Key);
        var manifest = new Manifest(null, dataDirectory, new FileInfo(written.Files[0]).Length, symbols is null ? -1 : new FileInfo(symbols).Length,
            new FileInfo(model).Length, written.Size);
        Store(key, manifest, folder =>
        {
            File.Copy(written.Files[0], Path.Combine(folder, AssemblyName));
            if (symbols is not null)
                File.Copy(symbols, Path.Combine(folder, SymbolsName));
            File.Copy(model, Path.Combine(folder, ModelName));
        });
    }

    private void Store(string key, Manifest manifest, Action<string> fill)
    {
        var entry = Path.Combine(root, key);
        var temp = Path.Combine(root, $"{key}.tmp-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
        try
        {
            if (Directory.Exists(entry))
                return;
            Directory.CreateDirectory(temp);
            fill(temp);
            File.WriteAllText(Path.Combine(temp, ManifestName), JsonSerializer.Serialize(manifest, CliJsonContext.Default.Manifest));
            Directory.Move(temp, entry);
            Prune();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another run stored it first, or the disk is full or read-only: no cache this time.
        }
        finally
        {
            if (Directory.Exists(temp))
                Directory.Delete(temp, recursive: true);
        }
    }

    private void Prune()
    {
        var entries = new DirectoryInfo(root).GetDirectories()
            .Where(d => !d.Name.Contains(".tmp-", StringComparison.Ordinal))
            .OrderByDescending(d => d.LastWriteTimeUtc).ToList();
        long bytes = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            bytes += entries[i].GetFiles().Sum(f => f.Length);
            if (i >= MaxEntries || bytes > MaxBytes)
                entries[i].Delete(recursive: true);
        }
    }
}
