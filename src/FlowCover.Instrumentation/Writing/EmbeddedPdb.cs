using System.Buffers.Binary;
using System.IO.Compression;

namespace FlowCover.Instrumentation.Writing;

/// <summary>
/// The data of an EmbeddedPortablePdb debug directory entry: "MPDB", the PDB's size, then the
/// PDB deflated. Compressed at the fastest level: the file is rewritten on every run that
/// instruments it and restored after, so seconds matter more than a few kilobytes.
/// </summary>
internal static class EmbeddedPdb
{
    private const uint Signature = 0x4244504D; // "MPDB"

    /// <summary>The debug directory data for <paramref name="pdb"/>.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> pdb)
    {
        var output = new MemoryStream(pdb.Length / 2 + 8);
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Signature);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], pdb.Length);
        output.Write(header);
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
            deflate.Write(pdb);
        return output.ToArray();
    }

    /// <summary>The PDB inside an EmbeddedPortablePdb entry's data.</summary>
    /// <exception cref="BadImageFormatException">The data does not start with "MPDB".</exception>
    public static byte[] Decompress(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8 || BinaryPrimitives.ReadUInt32LittleEndian(data) != Signature)
            throw new BadImageFormatException("the embedded PDB does not start with MPDB");
        var size = BinaryPrimitives.ReadInt32LittleEndian(data[4..]);
        if (size < 0)
            throw new BadImageFormatException("the embedded PDB's size is negative");
        var pdb = new byte[size];
        using var deflate = new DeflateStream(new MemoryStream(data[8..].ToArray()), CompressionMode.Decompress);
        deflate.ReadExactly(pdb);
        return pdb;
    }
}
