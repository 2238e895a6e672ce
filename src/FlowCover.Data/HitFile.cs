using System.Buffers.Binary;
using System.Text;

namespace FlowCover.Data;

/// <summary>
/// The per-process counter file a module's tracker maps into memory, specified with a worked
/// example in docs/DESIGN.md ("Hit file"). The layout is fixed and tiny so the runtime can write
/// it with no dependencies and the collector can read it after the process is gone, even after
/// SIGKILL (the pages belong to the kernel's file cache).
/// </summary>
public static class HitFile
{
    public const string Extension = ".hits";
    /// <summary>The header the tracker writes today (ModuleTracker's HeaderSize).</summary>
    public const int HeaderSize = 128;
    /// <summary>The smallest header: the fields above.</summary>
    public const int MinimumHeaderSize = 32;
    public static ReadOnlySpan<byte> Magic => "FCHITS01"u8;

    /// <summary>The bytes of a hit file the tracker writes for <paramref name="probes"/> probes.</summary>
    public static long Size(int probes, CoverageMode mode) => HeaderSize + (long)probes * mode.CounterBytes();

    /// <summary>The module key a hit file belongs to, from its name.</summary>
    public static string ModuleKeyOf(string path)
    {
        var name = Path.GetFileName(path);
        var parts = name.Split('.');
        if (parts.Length < 4)
            throw new UserError($"{path}: not a FlowCover hit file name; delete the data folder and run again.");
        return string.Join('.', parts[..^3]);
    }

    /// <summary>Reads the counters; a file cut short by a crash during creation reads as no hits.</summary>
    public static (CoverageMode Mode, long[] Counts) Read(string path)
    {
        var (mode, counts, _) = ReadWithContext(path);
        return (mode, counts);
    }

    /// <summary>Reads the counters and the context they belong to: the test named in the header
    /// (docs/per-thread-blocks.md), or null for a file with no context.</summary>
    public static (CoverageMode Mode, long[] Counts, string? Context) ReadWithContext(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < MinimumHeaderSize || !bytes.AsSpan(0, 8).SequenceEqual(Magic))
            throw new UserError($"{path}: not a FlowCover hit file (bad header); delete it and run again.");
        var headerSize = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        var modeNumber = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        if (!CoverageModes.IsMode(modeNumber))
            throw new UserError($"{path}: not a FlowCover hit file (unknown mode {modeNumber}); delete it and run again.");
        var mode = (CoverageMode)modeNumber;
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16));
        var width = mode.CounterBytes();
        if (headerSize < MinimumHeaderSize || count < 0 || bytes.Length < headerSize + (long)count * width)
            throw new UserError($"{path}: hit file is truncated; delete it and run again.");
        var counts = new long[count];
        var data = bytes.AsSpan(headerSize);
        for (var i = 0; i < count; i++)
            counts[i] = mode == CoverageMode.Count ? BinaryPrimitives.ReadInt64LittleEndian(data[(i * 8)..]) : data[i];
        var nameLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(24));
        if (nameLength < 0 || (nameLength > 0 && HeaderSize + (long)nameLength > headerSize))
            throw new UserError($"{path}: not a FlowCover hit file (bad context name); delete it and run again.");
        var context = nameLength == 0 ? null : Encoding.UTF8.GetString(bytes, HeaderSize, nameLength);
        return (mode, counts, context);
    }
}
