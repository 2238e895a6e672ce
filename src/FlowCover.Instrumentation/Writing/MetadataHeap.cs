using System.Text;

namespace FlowCover.Instrumentation.Writing;

/// <summary>
/// A heap as the file has it, with entries appended after it: every offset the file's tables,
/// IL and signatures hold stays valid, so nothing that is not new has to be rewritten.
/// </summary>
internal sealed class MetadataHeap(ReadOnlyMemory<byte> original)
{
    private readonly MemoryStream _added = new();

    /// <summary>Makes room for about <paramref name="bytes"/> more entries' bytes at once: a PDB's
    /// rewritten sequence points are megabytes, and a stream grown by doubling leaves every
    /// smaller copy behind as large-object garbage.</summary>
    public void Reserve(int bytes) => _added.Capacity = Math.Max(_added.Capacity, (int)_added.Length + bytes);

    /// <summary>Bytes the heap takes now, original and appended.</summary>
    public int Length => original.Length + (int)_added.Length;

    /// <summary>The bytes the file had.</summary>
    public ReadOnlySpan<byte> Original => original.Span;

    /// <summary>Appends a NUL-terminated UTF-8 string (#Strings); returns its offset.</summary>
    public uint AddString(string value)
    {
        if (value.Length == 0)
            return 0;
        var offset = (uint)Length;
        _added.Write(Encoding.UTF8.GetBytes(value));
        _added.WriteByte(0);
        return offset;
    }

    /// <summary>Appends a blob with its compressed length (#Blob); returns its offset.</summary>
    public uint AddBlob(ReadOnlySpan<byte> blob)
    {
        var offset = (uint)Length;
        CompressedInteger.Write(_added, blob.Length);
        _added.Write(blob);
        return offset;
    }

    /// <summary>Appends a user string (#US): UTF-16 and the byte that says whether any character
    /// needs more than ordinal handling (II.24.2.4); returns its offset.</summary>
    public uint AddUserString(string value)
    {
        var offset = (uint)Length;
        CompressedInteger.Write(_added, value.Length * 2 + 1);
        var special = false;
        foreach (var c in value)
        {
            _added.WriteByte((byte)c);
            _added.WriteByte((byte)(c >> 8));
            special |= c > 0xFF || c is >= '\x01' and <= '\x08' or >= '\x0E' and <= '\x1F' or '\'' or '-' or '\x7F';
        }
        _added.WriteByte(special ? (byte)1 : (byte)0);
        return offset;
    }

    /// <summary>The blob at <paramref name="offset"/> of the original heap, without its length.</summary>
    public ReadOnlySpan<byte> OriginalBlob(uint offset)
    {
        var span = original.Span[(int)offset..];
        var (length, size) = CompressedInteger.Read(span);
        return span.Slice(size, length);
    }

    /// <summary>The string at <paramref name="offset"/> of the original #Strings heap.</summary>
    public string OriginalString(uint offset)
    {
        var span = original.Span[(int)offset..];
        return Encoding.UTF8.GetString(span[..span.IndexOf((byte)0)]);
    }

    /// <summary>Writes the heap's bytes, padded to four bytes as streams are.</summary>
    public void WriteTo(Stream output)
    {
        output.Write(original.Span);
        _added.Position = 0;
        _added.CopyTo(output);
        while (output.Length % 4 != 0)
            output.WriteByte(0);
    }
}
