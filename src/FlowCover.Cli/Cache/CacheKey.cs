using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;
using FlowCover.Data;
using FlowCover.Instrumentation;

namespace FlowCover.Cli.Cache;

/// <summary>
/// What an instrumented assembly is a function of, hashed: its bytes and its PDB's; the text
/// of every source file the PDB names (filters read it); the assemblies it references from its
/// folder and the runtime's folder (callees are resolved there to read their attributes); the
/// options that shape instrumentation; and the build of FlowCover itself. Two runs with the same key would
/// write the same bytes, so the second may take the first's from the cache.
/// </summary>
internal static class CacheKey
{
    private const string Format = "flowcover-instrumentation-cache 1";

    /// <summary>The key, or null when the assembly has no readable portable PDB (it is not
    /// measured then, and instrumenting says why).</summary>
    public static string? For(string assemblyPath, InstrumentOptions options)
    {
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            void Text(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
            Text(Format);
            foreach (var part in new[] { typeof(AssemblyInstrumenter), typeof(FlowCover.Runtime.ModuleTracker), typeof(ModuleModel) })
                Text(part.Assembly.ManifestModule.ModuleVersionId.ToString());
            Text(SharedFramework.Directory);
            Text($"{options.Mode} {Path.GetFullPath(options.SourceRoot)}" + (options.Contexts ? " contexts" : ""));
            Text(string.Join('|', options.Sources.Select(g => g.Pattern)) + " " + string.Join('|', options.Omit.Select(g => g.Pattern)));
            Text(string.Join('|', options.SkipReferencing) + " " + string.Join('|', options.ExcludeByAttribute));
            var assembly = File.ReadAllBytes(assemblyPath);
            hash.AppendData(assembly);
            var pdb = Path.ChangeExtension(assemblyPath, ".pdb");
            if (File.Exists(pdb))
                hash.AppendData(File.ReadAllBytes(pdb));
            using var pe = new PEReader(new MemoryStream(assembly, writable: false));
            if (Documents(pe, pdb) is not { } documents)
                return null;
            foreach (var document in documents)
                Text(document + " " + (File.Exists(document) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(document))) : "-"));
            // The assemblies it references from its folder, where callees are resolved; not the
            // whole folder, or every rebuild of the test project beside a library would miss.
            var folder = Path.GetDirectoryName(assemblyPath)!;
            var metadata = pe.GetMetadataReader();
            foreach (var reference in metadata.AssemblyReferences.Select(r => metadata.GetString(metadata.GetAssemblyReference(r).Name)).Order(StringComparer.Ordinal))
                if (Path.Combine(folder, reference + ".dll") is var file && File.Exists(file))
                    Text($"{reference} {new FileInfo(file).Length} {File.GetLastWriteTimeUtc(file).Ticks}");
            return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException)
        {
            return null; // Unreadable here: instrumenting it will say what is wrong.
        }
    }

    /// <summary>The source files a portable PDB (beside the assembly or embedded) names.</summary>
    private static List<string>? Documents(PEReader pe, string pdbPath)
    {
        MetadataReaderProvider? provider = null;
        try
        {
            if (File.Exists(pdbPath))
                provider = MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(pdbPath));
            else if (pe.ReadDebugDirectory().FirstOrDefault(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb) is { DataSize: > 0 } embedded)
                provider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded);
            if (provider is null)
                return null;
            var reader = provider.GetMetadataReader();
            return [.. reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name))];
        }
        finally
        {
            provider?.Dispose();
        }
    }
}
