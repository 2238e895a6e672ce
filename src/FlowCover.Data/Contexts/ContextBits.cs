namespace FlowCover.Data.Contexts;

/// <summary>
/// The bitset arithmetic of contexts: a probe's bit (byte i / 8, bit i % 8, least significant
/// first), the bytes a module's bitset has, and the trimmed form the database stores (the bytes
/// from the first to the last that is not zero, with the offset of the first), which keeps a
/// test that ran one corner of a large module to a few bytes.
/// </summary>
public static class ContextBits
{
    /// <summary>The bytes of a bitset over <paramref name="probeCount"/> probes.</summary>
    public static int BytesFor(int probeCount) => (probeCount + 7) / 8;

    public static bool Has(ReadOnlySpan<byte> bits, int probe) =>
        probe >= 0 && probe / 8 < bits.Length && (bits[probe / 8] & (1 << (probe % 8))) != 0;

    public static void Set(Span<byte> bits, int probe) => bits[probe / 8] |= (byte)(1 << (probe % 8));

    /// <summary>Whether any of <paramref name="probes"/> is set in a trimmed bitset that starts at
    /// byte <paramref name="firstByte"/>.</summary>
    public static bool AnyOf(ReadOnlySpan<byte> trimmed, int firstByte, ProbeList probes)
    {
        foreach (var probe in probes)
        {
            var index = probe / 8 - firstByte;
            if (index >= 0 && index < trimmed.Length && (trimmed[index] & (1 << (probe % 8))) != 0)
                return true;
        }
        return false;
    }

    /// <summary>Adds <paramref name="bits"/> into <paramref name="into"/> (a bitwise or).</summary>
    public static void Or(Span<byte> into, ReadOnlySpan<byte> bits)
    {
        for (var i = 0; i < bits.Length; i++)
            into[i] |= bits[i];
    }

    /// <summary>The bytes from the first to the last that is not zero, and where they start; an
    /// empty span at 0 when none is.</summary>
    public static (int FirstByte, ReadOnlyMemory<byte> Bytes) Trim(ReadOnlyMemory<byte> bits)
    {
        var span = bits.Span;
        var first = span.IndexOfAnyExcept((byte)0);
        if (first < 0)
            return (0, ReadOnlyMemory<byte>.Empty);
        var last = span.LastIndexOfAnyExcept((byte)0);
        return (first, bits[first..(last + 1)]);
    }

    /// <summary>The whole bitset of <paramref name="length"/> bytes from its trimmed form.</summary>
    public static byte[] Expand(ReadOnlySpan<byte> trimmed, int firstByte, int length)
    {
        var bits = new byte[length];
        trimmed.CopyTo(bits.AsSpan(firstByte));
        return bits;
    }
}
