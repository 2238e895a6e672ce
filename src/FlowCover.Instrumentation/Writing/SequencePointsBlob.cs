namespace FlowCover.Instrumentation.Writing;

/// <summary>
/// A method's sequence points blob (Portable PDB, "Sequence Points Blob") rewritten for a
/// body whose instructions moved. Only the IL offsets and the header's local signature change:
/// lines and columns are deltas from the previous visible point and documents are row numbers,
/// neither of which moving instructions touches, so their bytes are copied as they are. The
/// blob is transcoded record by record into a buffer the caller keeps, without decoding points
/// into objects: a large assembly's PDB has hundreds of thousands of them.
/// </summary>
internal static class SequencePointsBlob
{
    /// <summary>The most bytes <see cref="Remap"/> writes for a blob of
    /// <paramref name="length"/> bytes: every record's offset delta takes at least one byte
    /// and at most four, as does the local signature.</summary>
    public static int MaxLength(int length) => 4 * length + 4;

    /// <summary>Writes <paramref name="blob"/> to <paramref name="output"/> (at least
    /// <see cref="MaxLength"/> bytes) with every IL offset mapped through
    /// <paramref name="offsets"/> and its local signature
    /// <see cref="MethodOffsets.LocalSignature"/>; returns the bytes written.</summary>
    /// <param name="hasInitialDocument">The row's Document is nil, so the header names the
    /// first point's document (the method spans several).</param>
    public static int Remap(ReadOnlySpan<byte> blob, bool hasInitialDocument, MethodOffsets offsets, Span<byte> output)
    {
        var at = SizeAt(blob, 0);
        var written = Write(output, offsets.LocalSignature);
        if (hasInitialDocument)
            written += Copy(blob, ref at, SizeAt(blob, at), output[written..]);
        int oldOffset = 0, newOffset = 0;
        var first = true;
        while (at < blob.Length)
        {
            var (delta, deltaSize) = CompressedInteger.Read(blob[at..]);
            at += deltaSize;
            if (delta == 0 && !first)
            {
                // A document-record: a zero offset delta, then the document's row.
                output[written++] = 0;
                written += Copy(blob, ref at, SizeAt(blob, at), output[written..]);
                continue;
            }
            oldOffset += delta;
            var mapped = offsets.Map(oldOffset);
            if (!first && mapped <= newOffset)
                throw new InvalidOperationException($"sequence points at IL_{oldOffset - delta:X4} and IL_{oldOffset:X4} would share IL_{mapped:X4}");
            written += Write(output[written..], mapped - newOffset);
            newOffset = mapped;
            first = false;
            // A hidden point has a zero line delta and a zero column delta; a visible one never
            // has both (an unsigned non-zero column delta follows a zero line delta), and adds its
            // start line and column.
            var hidden = blob[at] == 0 && blob[at + 1] == 0;
            var size = SizeAt(blob, at);
            size += SizeAt(blob, at + size);
            if (!hidden)
            {
                size += SizeAt(blob, at + size);
                size += SizeAt(blob, at + size);
            }
            written += Copy(blob, ref at, size, output[written..]);
        }
        return written;
    }

    private static int Copy(ReadOnlySpan<byte> blob, ref int at, int size, Span<byte> output)
    {
        blob.Slice(at, size).CopyTo(output);
        at += size;
        return size;
    }

    /// <summary>Bytes the compressed integer at <paramref name="at"/> takes, signed or not
    /// (II.23.2: the first byte's high bits say).</summary>
    private static int SizeAt(ReadOnlySpan<byte> blob, int at) => blob[at] switch
    {
        < 0x80 => 1,
        < 0xC0 => 2,
        _ => 4,
    };

    /// <summary>An unsigned compressed integer (II.23.2), as <see cref="CompressedInteger.Write"/>
    /// writes it but into a span: no stream call per byte.</summary>
    private static int Write(Span<byte> output, int value)
    {
        if (value < 0x80)
        {
            output[0] = (byte)value;
            return 1;
        }
        if (value < 0x4000)
        {
            output[0] = (byte)(0x80 | value >> 8);
            output[1] = (byte)value;
            return 2;
        }
        output[0] = (byte)(0xC0 | value >> 24);
        output[1] = (byte)(value >> 16);
        output[2] = (byte)(value >> 8);
        output[3] = (byte)value;
        return 4;
    }
}
