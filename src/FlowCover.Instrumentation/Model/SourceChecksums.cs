using FlowCover.Data;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Model;

/// <summary>
/// The checksum the compiler recorded in the PDB for a source file, as the model keeps it: so a
/// report can tell a source edited since the build, whose lines no longer match the measured
/// ones. Cecil reads each PDB document with its algorithm and hash.
/// </summary>
internal static class SourceChecksums
{
    /// <summary>The checksum of <paramref name="path"/>, one of <paramref name="body"/>'s
    /// documents; null when the PDB has none, or one of an algorithm FlowCover does not know.</summary>
    public static SourceChecksum? Of(MethodDefinition body, string path)
    {
        foreach (var point in body.DebugInformation.SequencePoints)
            if (point.Document.Url == path)
                return Of(point.Document);
        return null;
    }

    private static SourceChecksum? Of(Document document)
    {
        var algorithm = document.HashAlgorithm switch
        {
            DocumentHashAlgorithm.MD5 => "MD5",
            DocumentHashAlgorithm.SHA1 => "SHA1",
            DocumentHashAlgorithm.SHA256 => "SHA256",
            _ => null,
        };
        return algorithm is null || document.Hash is not { Length: > 0 } hash
            ? null
            : new SourceChecksum(algorithm, Convert.ToHexStringLower(hash));
    }
}
