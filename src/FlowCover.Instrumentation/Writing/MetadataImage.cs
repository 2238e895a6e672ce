using System.Buffers.Binary;
using System.Text;

namespace FlowCover.Instrumentation.Writing;

/// <summary>
/// A metadata root (ECMA-335 II.24.2.1) opened for appending: the tables decoded into column
/// values, the heaps kept as they are with room for more. <see cref="Serialize"/> writes a new
/// root with every row and heap offset the old one had, and column widths recomputed for the new
/// row counts and heap sizes. A Portable PDB is a metadata root too: its #Pdb stream is kept,
/// with the type-system row counts that size its indexes into the assembly's tables. The heaps
/// are the bytes read, not copies (megabytes of a large assembly's and its PDB's): they must not
/// change while the image is in use.
/// </summary>
internal sealed class MetadataImage
{
    private readonly string _version;
    private readonly List<string> _streamOrder = [];
    private readonly MetadataTable[] _tables = new MetadataTable[TableSchema.TableCount];
    private readonly byte _heapSizes;
    private readonly ulong _sorted;
    private readonly byte[] _tableHeader;

    private MetadataImage(string version, byte heapSizes, ulong sorted, byte[] tableHeader)
    {
        _version = version;
        _heapSizes = heapSizes;
        _sorted = sorted;
        _tableHeader = tableHeader;
    }

    public MetadataHeap Strings { get; private set; } = new(Array.Empty<byte>());
    public MetadataHeap UserStrings { get; private set; } = new(new byte[1]);
    public MetadataHeap Guids { get; private set; } = new(Array.Empty<byte>());
    public MetadataHeap Blobs { get; private set; } = new(new byte[1]);

    /// <summary>A PDB's #Pdb stream; null in an assembly.</summary>
    public PdbStream? Pdb { get; private set; }

    public MetadataTable this[int table] => _tables[table];

    public static MetadataImage Read(ReadOnlyMemory<byte> rootBytes)
    {
        var root = rootBytes.Span;
        if (root.Length < 16 || BinaryPrimitives.ReadUInt32LittleEndian(root) != 0x424A5342)
            throw new BadImageFormatException("no metadata signature (BSJB)");
        var versionLength = BinaryPrimitives.ReadInt32LittleEndian(root[12..]);
        var version = Encoding.UTF8.GetString(root.Slice(16, versionLength)).TrimEnd('\0');
        var at = 16 + versionLength + 2;
        var count = BinaryPrimitives.ReadUInt16LittleEndian(root[at..]);
        at += 2;
        var streams = new List<(string Name, ReadOnlyMemory<byte> Data)>();
        for (var s = 0; s < count; s++)
        {
            var offset = BinaryPrimitives.ReadInt32LittleEndian(root[at..]);
            var size = BinaryPrimitives.ReadInt32LittleEndian(root[(at + 4)..]);
            var nameLength = root[(at + 8)..].IndexOf((byte)0);
            var name = Encoding.ASCII.GetString(root.Slice(at + 8, nameLength));
            at += 8 + (nameLength + 4 & ~3);
            streams.Add((name, rootBytes.Slice(offset, size)));
        }
        var pdbAt = streams.FindIndex(s => s.Name == "#Pdb");
        var pdb = pdbAt >= 0 ? PdbStream.Read(streams[pdbAt].Data.Span) : null;
        var tablesAt = streams.FindIndex(s => s.Name == "#~");
        if (tablesAt < 0)
            throw new BadImageFormatException("no compressed table stream (#~); an edit-and-continue image is not supported");
        var tables = streams[tablesAt].Data.Span;
        var heapSizes = tables[6];
        if ((heapSizes & 0x40) != 0)
            throw new BadImageFormatException("the table stream carries extra data");
        var valid = BinaryPrimitives.ReadUInt64LittleEndian(tables[8..]);
        var sorted = BinaryPrimitives.ReadUInt64LittleEndian(tables[16..]);
        var image = new MetadataImage(version, heapSizes, sorted, tables[..8].ToArray()) { Pdb = pdb };
        foreach (var (name, data) in streams)
        {
            image._streamOrder.Add(name);
            switch (name)
            {
                case "#Strings": image.Strings = new MetadataHeap(data); break;
                case "#US": image.UserStrings = new MetadataHeap(data); break;
                case "#GUID": image.Guids = new MetadataHeap(data); break;
                case "#Blob": image.Blobs = new MetadataHeap(data); break;
                case "#~" or "#Pdb": break;
                default: throw new BadImageFormatException($"an unknown metadata stream '{name}'");
            }
        }
        image.ReadTables(tables, valid);
        return image;
    }

    /// <summary>Every table's row count, with a PDB's type-system tables taken from its #Pdb
    /// stream (which is what sizes its indexes into them).</summary>
    public int[] RowCounts()
    {
        var rows = new int[TableSchema.TableCount];
        for (var t = 0; t < rows.Length; t++)
            rows[t] = _tables[t]?.RowCount ?? 0;
        if (Pdb is not null)
            for (var t = 0; t < TableSchema.Document; t++)
                rows[t] = Pdb.TypeSystemRows[t];
        return rows;
    }

    private void ReadTables(ReadOnlySpan<byte> stream, ulong valid)
    {
        var present = new int[TableSchema.TableCount];
        var at = 24;
        for (var t = 0; t < TableSchema.TableCount; t++)
        {
            if ((valid >> t & 1) == 0)
                continue;
            if (TableSchema.Columns[t] is null)
                throw new BadImageFormatException($"an unknown metadata table 0x{t:X2}");
            present[t] = BinaryPrimitives.ReadInt32LittleEndian(stream[at..]);
            at += 4;
        }
        for (var t = 0; t < TableSchema.TableCount; t++)
            _tables[t] = new MetadataTable(TableSchema.Columns[t]?.Length ?? 0, new List<uint>(present[t] * (TableSchema.Columns[t]?.Length ?? 0)));
        var rows = RowCounts();
        for (var t = 0; t < TableSchema.TableCount; t++)
            if (Pdb is null || t >= TableSchema.Document)
                rows[t] = present[t];
        var widths = Widths(rows, _heapSizes);
        for (var t = 0; t < TableSchema.TableCount; t++)
        {
            var values = _tables[t].Values;
            for (var r = 0; r < present[t]; r++)
                foreach (var width in widths[t])
                {
                    values.Add(width switch
                    {
                        1 => stream[at],
                        2 => BinaryPrimitives.ReadUInt16LittleEndian(stream[at..]),
                        _ => BinaryPrimitives.ReadUInt32LittleEndian(stream[at..]),
                    });
                    at += width;
                }
        }
    }

    private static int[][] Widths(int[] rows, byte heapSizes)
    {
        var widths = new int[TableSchema.TableCount][];
        for (var t = 0; t < TableSchema.TableCount; t++)
            widths[t] = TableSchema.Columns[t] is { } columns ? columns.Select(c => TableSchema.Width(c, rows, heapSizes)).ToArray() : [];
        return widths;
    }

    /// <summary>A new metadata root: the streams in their old order, rows in their old order
    /// followed by those appended. The root is written once into one buffer of its exact size,
    /// the header first and the streams after it, so no stream is grown by doubling and copied
    /// again (each copy a large object).</summary>
    public byte[] Serialize()
    {
        var version = Encoding.UTF8.GetBytes(_version);
        var versionLength = version.Length + 4 & ~3;
        var headerSize = 16 + versionLength + 4 + _streamOrder.Sum(name => 8 + (name.Length + 4 & ~3));
        var layout = Layout();
        var root = new MemoryStream(headerSize + StreamBytes(layout));
        root.SetLength(headerSize);
        root.Position = headerSize;
        var streams = new List<(string Name, int Offset, int Length)>();
        foreach (var name in _streamOrder)
        {
            var start = (int)root.Length; // Every stream is padded to four bytes: so is the header.
            switch (name)
            {
                case "#Strings": Strings.WriteTo(root); break;
                case "#US": UserStrings.WriteTo(root); break;
                case "#GUID": Guids.WriteTo(root); break;
                case "#Blob": Blobs.WriteTo(root); break;
                case "#Pdb": Pdb!.WriteTo(root); break;
                case "#~": WriteTables(root, layout); break;
            }
            streams.Add((name, start, (int)root.Length - start));
        }
        root.Position = 0;
        var writer = new BinaryWriter(root);
        writer.Write(0x424A5342u);
        writer.Write((ushort)1);
        writer.Write((ushort)1);
        writer.Write(0u);
        writer.Write(versionLength);
        writer.Write(version);
        writer.Write(new byte[versionLength - version.Length]);
        writer.Write((ushort)0);
        writer.Write((ushort)streams.Count);
        foreach (var (name, offset, length) in streams)
        {
            writer.Write(offset);
            writer.Write(length);
            writer.Write(Encoding.ASCII.GetBytes(name));
            writer.Write(new byte[(name.Length + 4 & ~3) - name.Length]);
        }
        writer.Flush();
        if (root.Position != headerSize)
            throw new InvalidOperationException($"a metadata root header of {root.Position} bytes, not {headerSize}");
        return root.Length == root.Capacity ? root.GetBuffer() : root.ToArray();
    }

    /// <summary>The bytes the streams take, each padded to four bytes as written.</summary>
    private int StreamBytes(TableLayout layout)
    {
        static long Padded(long length) => length + 3 & ~3L;
        var bytes = 0L;
        foreach (var name in _streamOrder)
        {
            bytes += name switch
            {
                "#Strings" => Padded(Strings.Length),
                "#US" => Padded(UserStrings.Length),
                "#GUID" => Padded(Guids.Length),
                "#Blob" => Padded(Blobs.Length),
                "#Pdb" => Pdb!.Length,
                _ => 0,
            };
            if (name == "#~")
            {
                var tables = 24L;
                for (var t = 0; t < TableSchema.TableCount; t++)
                    if (layout.Rows[t] > 0)
                        tables += 4 + (long)layout.Rows[t] * layout.Widths[t].Sum();
                bytes += Padded(tables + 1);
            }
        }
        return (int)Math.Min(bytes, int.MaxValue);
    }

    /// <summary>How the tables are written: each one's own row count, the heap-size flags and
    /// the column widths these give.</summary>
    private sealed record TableLayout(int[] Rows, byte HeapSizes, int[][] Widths);

    private TableLayout Layout()
    {
        var rows = RowCounts();
        byte heapSizes = (byte)((_heapSizes & 0x07)
            | (Strings.Length >= 1 << 16 ? 0x01 : 0) | (Guids.Length >= 1 << 16 ? 0x02 : 0) | (Blobs.Length >= 1 << 16 ? 0x04 : 0));
        // A PDB's own tables are sized by their own rows; its type-system columns by the #Pdb counts.
        var own = new int[TableSchema.TableCount];
        for (var t = 0; t < own.Length; t++)
            own[t] = _tables[t].RowCount;
        for (var t = 0; t < TableSchema.TableCount; t++)
            if (Pdb is null || t >= TableSchema.Document)
                rows[t] = own[t];
        return new TableLayout(own, heapSizes, Widths(rows, heapSizes));
    }

    private void WriteTables(MemoryStream output, TableLayout layout)
    {
        var (own, heapSizes, widths) = layout;
        ulong valid = 0;
        for (var t = 0; t < TableSchema.TableCount; t++)
            if (own[t] > 0)
                valid |= 1UL << t;
        var writer = new BinaryWriter(output);
        writer.Write(_tableHeader.AsSpan(0, 6));
        writer.Write(heapSizes);
        writer.Write(_tableHeader[7]);
        writer.Write(valid);
        writer.Write(_sorted);
        for (var t = 0; t < TableSchema.TableCount; t++)
            if (own[t] > 0)
                writer.Write(own[t]);
        for (var t = 0; t < TableSchema.TableCount; t++)
        {
            var values = _tables[t].Values;
            var columns = widths[t].Length;
            for (var i = 0; i < values.Count; i++)
            {
                var value = values[i];
                switch (widths[t][i % columns])
                {
                    case 1: writer.Write((byte)value); break;
                    case 2: writer.Write(checked((ushort)value)); break;
                    default: writer.Write(value); break;
                }
            }
        }
        // The compilers end the table stream with a zero byte before padding it: without it, a
        // stream whose rows end on four bytes came back four bytes shorter than it was read.
        output.WriteByte(0);
        while (output.Length % 4 != 0)
            output.WriteByte(0);
    }
}
