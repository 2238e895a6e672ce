using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// What the source model needs from an assembly's portable PDB (side by side or embedded) before
/// the assembly is checked and Cecil reads it, in one opening of the two files with
/// System.Reflection.Metadata:
/// <list type="bullet">
/// <item>the preprocessor symbols it was compiled with (<c>DEBUG</c>, <c>TRACE</c>,
/// <c>NET10_0_OR_GREATER</c>, a project's own), as the compiler records them in the compilation
/// options (the <c>define</c> entry): source files are parsed with them, so code under
/// <c>#if SYMBOL</c> is code where the compiler saw code, not disabled text;</item>
/// <item>the source file of its first method with a sequence point: the file the first planned
/// body most likely waits for, whose parse can then run beside the check and the reading rather
/// than after them (docs/instrumenting-speed.md). A guess that misses costs a parse nobody asks
/// for, on a thread of its own; the output is the same either way.</item>
/// </list>
/// </summary>
internal static class PdbFirstLook
{
    /// <summary>The kind of the module's custom debug information that holds the options.</summary>
    private static readonly Guid CompilationOptions = new("b5feec05-8cd0-4a83-96da-466284bb4bd8");

    /// <summary>The symbols (none when the PDB cannot be read or does not record them) and the
    /// first file: its path as the PDB names it, its checksum algorithm (as
    /// <see cref="SourceFiles.AlgorithmOf(Guid)"/> names it) and checksum; no file
    /// when either file cannot be read (the check that follows says why), the assembly references
    /// one of <paramref name="skipReferencing"/> (a test assembly, which is only marked), or no
    /// method has a point in a file with a checksum.</summary>
    public static (IReadOnlyList<string> Defines, (string Path, string Algorithm, byte[] Hash)? FirstFile) Of(string assemblyPath, IReadOnlyList<string> skipReferencing)
    {
        try
        {
            using var pe = new PEReader(File.OpenRead(assemblyPath));
            if (!pe.TryOpenAssociatedPortablePdb(assemblyPath, path => File.Exists(path) ? File.OpenRead(path) : null, out var provider, out _) || provider is null)
                return ([], null);
            using (provider)
            {
                var pdb = provider.GetMetadataReader();
                var defines = DefinesOf(pdb);
                var metadata = pe.GetMetadataReader();
                foreach (var handle in metadata.AssemblyReferences)
                    if (skipReferencing.Contains(metadata.GetString(metadata.GetAssemblyReference(handle).Name), StringComparer.OrdinalIgnoreCase))
                        return (defines, null);
                return (defines, FirstFileOf(pdb));
            }
        }
        // Unreadable or damaged bytes: what System.Reflection.Metadata throws on them (DamagedInput), left for the check to name.
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException
            or ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            return ([], null);
        }
    }

    private static IReadOnlyList<string> DefinesOf(MetadataReader pdb)
    {
        foreach (var handle in pdb.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
        {
            var information = pdb.GetCustomDebugInformation(handle);
            if (pdb.GetGuid(information.Kind) == CompilationOptions)
                return DefinesIn(pdb.GetBlobBytes(information.Value));
        }
        return [];
    }

    private static (string Path, string Algorithm, byte[] Hash)? FirstFileOf(MetadataReader pdb)
    {
        foreach (var handle in pdb.MethodDebugInformation)
        {
            var info = pdb.GetMethodDebugInformation(handle);
            if (info.SequencePointsBlob.IsNil)
                continue;
            foreach (var point in info.GetSequencePoints())
            {
                if (point.IsHidden)
                    continue;
                var document = pdb.GetDocument(point.Document);
                return SourceFiles.AlgorithmOf(pdb.GetGuid(document.HashAlgorithm)) is { } algorithm && !document.Hash.IsNil
                    ? (pdb.GetString(document.Name), algorithm, pdb.GetBlobBytes(document.Hash))
                    : null;
            }
        }
        return null;
    }

    /// <summary>The symbols of the options blob: UTF-8 names and values, each ended by a zero
    /// byte; the value of <c>define</c> lists the symbols, separated by commas.</summary>
    internal static IReadOnlyList<string> DefinesIn(byte[] options)
    {
        var parts = Encoding.UTF8.GetString(options).Split('\0');
        for (var k = 0; k + 1 < parts.Length; k += 2)
            if (parts[k] == "define")
                return [.. parts[k + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        return [];
    }
}
