using System.Buffers.Binary;

namespace FlowCover.Instrumentation.Writing;

/// <summary>A Portable PDB's #Pdb stream: its id, entry point and the row counts of the
/// assembly's tables, which size the PDB's indexes into them.</summary>
internal sealed class PdbStream
{
    private PdbStream(byte[] id, uint entryPoint, int[] typeSystemRows)
    {
        Id = id;
        EntryPoint = entryPoint;
        TypeSystemRows = typeSystemRows;
    }

    /// <summary>The 20-byte PDB id the assembly's debug directory names; kept, so the rewritten
    /// PDB is still the one the rewritten assembly names.</summary>
    public byte[] Id { get; }

    public uint EntryPoint { get; }

    /// <summary>Row counts of tables 0x00 to 0x2F of the assembly the PDB describes.</summary>
    public int[] TypeSystemRows { get; }

    public static PdbStream Read(ReadOnlySpan<byte> data)
    {
        var referenced = BinaryPrimitives.ReadUInt64LittleEndian(data[24..]);
        var rows = new int[TableSchema.Document];
        var at = 32;
        for (var t = 0; t < rows.Length; t++)
        {
            if ((referenced >> t & 1) == 0)
                continue;
            rows[t] = BinaryPrimitives.ReadInt32LittleEndian(data[at..]);
            at += 4;
        }
        return new PdbStream(data[..20].ToArray(), BinaryPrimitives.ReadUInt32LittleEndian(data[20..]), rows);
    }

    /// <summary>The bytes <see cref="WriteTo"/> writes: the id, the entry point, the mask of
    /// referenced tables and a row count for each of them.</summary>
    public int Length => 20 + 4 + 8 + 4 * TypeSystemRows.Count(rows => rows > 0);

    public void WriteTo(Stream output)
    {
        var writer = new BinaryWriter(output);
        writer.Write(Id);
        writer.Write(EntryPoint);
        ulong referenced = 0;
        for (var t = 0; t < TypeSystemRows.Length; t++)
            if (TypeSystemRows[t] > 0)
                referenced |= 1UL << t;
        writer.Write(referenced);
        foreach (var rows in TypeSystemRows)
            if (rows > 0)
                writer.Write(rows);
    }
}
