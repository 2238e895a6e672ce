namespace FlowCover.Instrumentation.Writing;

/// <summary>ECMA-335's compressed unsigned and signed integers (II.23.2), as blobs, signatures
/// and sequence points use them.</summary>
internal static class CompressedInteger
{
    /// <summary>The value at the start of <paramref name="bytes"/> and how many bytes it took.</summary>
    public static (int Value, int Size) Read(ReadOnlySpan<byte> bytes)
    {
        var first = bytes[0];
        if ((first & 0x80) == 0)
            return (first, 1);
        if ((first & 0xC0) == 0x80)
            return (((first & 0x3F) << 8) | bytes[1], 2);
        return (((first & 0x1F) << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3], 4);
    }

    public static void Write(Stream output, int value)
    {
        if (value < 0x80)
        {
            output.WriteByte((byte)value);
        }
        else if (value < 0x4000)
        {
            output.WriteByte((byte)(0x80 | (value >> 8)));
            output.WriteByte((byte)value);
        }
        else
        {
            output.WriteByte((byte)(0xC0 | (value >> 24)));
            output.WriteByte((byte)(value >> 16));
            output.WriteByte((byte)(value >> 8));
            output.WriteByte((byte)value);
        }
    }

    /// <summary>A signed value: rotated so its sign is the lowest bit, in as many bytes as its
    /// magnitude needs (II.23.2).</summary>
    public static void WriteSigned(Stream output, int value)
    {
        if (value is >= -0x40 and < 0x40)
            output.WriteByte((byte)(((value & 0x3F) << 1) | (value < 0 ? 1 : 0)));
        else if (value is >= -0x2000 and < 0x2000)
        {
            var rotated = ((value & 0x1FFF) << 1) | (value < 0 ? 1 : 0);
            output.WriteByte((byte)(0x80 | (rotated >> 8)));
            output.WriteByte((byte)rotated);
        }
        else
        {
            var rotated = ((value & 0x0FFFFFFF) << 1) | (value < 0 ? 1 : 0);
            output.WriteByte((byte)(0xC0 | (rotated >> 24)));
            output.WriteByte((byte)(rotated >> 16));
            output.WriteByte((byte)(rotated >> 8));
            output.WriteByte((byte)rotated);
        }
    }
}
