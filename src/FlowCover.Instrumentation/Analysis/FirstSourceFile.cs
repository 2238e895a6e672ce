using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// The source file of an assembly's first method with a sequence point, read from its
/// side-by-side PDB with System.Reflection.Metadata before the assembly is checked and Cecil
/// reads it: the file the first planned body most likely waits for, whose parse can then run
/// beside that reading rather than after it (docs/instrumenting-speed.md). A guess that misses
/// costs a parse nobody asks for, on a thread of its own; the output is the same either way.
/// </summary>
internal static class FirstSourceFile
{
    private static readonly Guid Sha1 = new("ff1816ec-aa5e-4d10-87f7-6f4963833460");
    private static readonly Guid Sha256 = new("8829d00f-11b8-4213-878b-770e8597ac16");

    /// <summary>The file's path as the PDB names it, its checksum algorithm (<c>SHA1</c>,
    /// <c>SHA256</c>) and checksum; null when there is no side-by-side PDB, either file cannot be
    /// read (the check that follows says why), the assembly references one of
    /// <paramref name="skipReferencing"/> (a test assembly, which is only marked), or no method
    /// has a point in a file with a checksum.</summary>
    public static (string Path, string Algorithm, byte[] Hash)? Of(string assemblyPath, IReadOnlyList<string> skipReferencing)
    {
        var pdbPath = Path.ChangeExtension(assemblyPath, ".pdb");
        try
        {
            if (!File.Exists(pdbPath))
                return null;
            using (var pe = new PEReader(File.OpenRead(assemblyPath)))
            {
                var metadata = pe.GetMetadataReader();
                foreach (var handle in metadata.AssemblyReferences)
                    if (skipReferencing.Contains(metadata.GetString(metadata.GetAssemblyReference(handle).Name), StringComparer.OrdinalIgnoreCase))
                        return null;
            }
            using var provider = MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(pdbPath));
            var pdb = provider.GetMetadataReader();
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
                    var algorithm = pdb.GetGuid(document.HashAlgorithm);
                    var name = algorithm == Sha256 ? "SHA256" : algorithm == Sha1 ? "SHA1" : null;
                    return name is null || document.Hash.IsNil ? null : (pdb.GetString(document.Name), name, pdb.GetBlobBytes(document.Hash));
                }
            }
            return null;
        }
        // Unreadable or damaged bytes: what System.Reflection.Metadata throws on them (DamagedInput), left for the check to name.
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException
            or ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
