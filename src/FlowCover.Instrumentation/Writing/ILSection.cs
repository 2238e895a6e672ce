namespace FlowCover.Instrumentation.Writing;

/// <summary>The method bodies of the new section, laid out from its start: a fat body on four
/// bytes as II.25.4.3 requires, a tiny one wherever it falls.</summary>
internal sealed class ILSection(int rva)
{
    private readonly MemoryStream _bytes = new();

    public int Length => (int)_bytes.Length;

    /// <summary>Makes room for <paramref name="bytes"/> more at once: a large assembly's bodies
    /// are megabytes, and a stream grown by doubling leaves every smaller copy as garbage.</summary>
    public void Reserve(int bytes) => _bytes.Capacity = Math.Max(_bytes.Capacity, (int)_bytes.Length + bytes);

    /// <summary>Appends an encoded body; returns its RVA.</summary>
    public int Add(byte[] body)
    {
        if ((body[0] & 0x3) == 0x3)
            while (_bytes.Length % 4 != 0)
                _bytes.WriteByte(0);
        var at = rva + (int)_bytes.Length;
        _bytes.Write(body);
        return at;
    }

    public void WriteTo(Stream output)
    {
        _bytes.Position = 0;
        _bytes.CopyTo(output);
    }
}
