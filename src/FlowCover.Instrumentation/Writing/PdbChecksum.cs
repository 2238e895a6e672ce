using System.Security.Cryptography;

namespace FlowCover.Instrumentation.Writing;

/// <summary>The PdbChecksum debug entry's SHA-256: over the whole PDB with its 20-byte id taken
/// as zeros, as the Portable PDB specification defines it.</summary>
internal static class PdbChecksum
{
    public static byte[] Sha256(ReadOnlySpan<byte> pdb, int pdbIdOffset)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(pdb[..pdbIdOffset]);
        hash.AppendData(new byte[20]);
        hash.AppendData(pdb[(pdbIdOffset + 20)..]);
        return hash.GetHashAndReset();
    }
}
