using System.Buffers;

namespace FlowCover.Data;

/// <summary>
/// Gives a <see cref="System.Text.Json.Utf8JsonWriter"/> one reusable buffer and writes each
/// part to the stream as the writer commits it. A writer on a stream keeps the whole document
/// in memory until it is flushed: for a large assembly's data file, twice its size.
/// </summary>
internal sealed class StreamBufferWriter(Stream stream) : IBufferWriter<byte>
{
    private const int MinimumSize = 64 * 1024;
    private byte[] _buffer = new byte[MinimumSize];
    private int _start;

    public void Advance(int count)
    {
        stream.Write(_buffer, _start, count);
        _start += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer;
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer;
    }

    /// <summary>Everything given out before was written at its Advance: the buffer starts over.</summary>
    private void Reserve(int sizeHint)
    {
        _start = 0;
        if (sizeHint > _buffer.Length)
            _buffer = new byte[Math.Max(sizeHint, 2 * _buffer.Length)];
    }
}
