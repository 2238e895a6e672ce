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

    /// <summary>Chunks of a file of several blocks start on this boundary (ModuleTracker's ChunkUnit).</summary>
    public const int ChunkUnit = 65536;

    /// <summary>The first chunk of a module's arena of contexts (ModuleTracker's MinimumChunk);
    /// each later chunk is twice the one before.</summary>
    public const int FirstArenaChunk = 4 * ChunkUnit;

    /// <summary>What a module's arena reserves at its first context: <see cref="FirstArenaChunk"/>,
    /// or one block rounded up to <see cref="ChunkUnit"/> where a block is bigger. A block's header
    /// is counted for a test name of up to 128 bytes of UTF-8; a longer name takes more, which the
    /// rounding up absorbs. Nothing for a module with no probes (a test assembly marked only to
    /// name its tests).</summary>
    public static long FirstArenaReserve(int probes)
    {
        if (probes == 0)
            return 0;
        var block = BlockSize(2 * HeaderSize, probes, CoverageMode.Set.CounterBytes());
        return Math.Max(FirstArenaChunk, (block + ChunkUnit - 1) / ChunkUnit * ChunkUnit);
    }

    /// <summary>The bytes of one block of a file of several: its header, then its counters padded to 128 bytes.</summary>
    private static long BlockSize(int headerSize, int probes, int width) => headerSize + ((long)probes * width + HeaderSize - 1) / HeaderSize * HeaderSize;

    /// <summary>Reads the counters, of every block the file holds summed (count mode) or or-ed
    /// (set mode).</summary>
    public static (CoverageMode Mode, long[] Counts) Read(string path)
    {
        var blocks = ReadBlocks(path);
        var mode = blocks[0].Mode;
        var counts = new long[blocks[0].Counts.Length];
        foreach (var block in blocks)
        {
            if (block.Mode != mode || block.Counts.Length != counts.Length)
                throw new UserError($"{path}: not a FlowCover hit file (its blocks differ in mode or probe count); delete it and run again.");
            for (var i = 0; i < counts.Length; i++)
                counts[i] = mode == CoverageMode.Count ? counts[i] + block.Counts[i] : Math.Max(counts[i], block.Counts[i]);
        }
        return (mode, counts);
    }

    /// <summary>Reads every block of the file (docs/DESIGN.md, "Hit file"): the counters and the
    /// context they belong to, the test named in the block's header, or null for none. A file
    /// holds one block, or, a module's arena of contexts, blocks one after the other, where a
    /// place with no block's magic means the rest of the chunk is unused.</summary>
    public static IReadOnlyList<(CoverageMode Mode, long[] Counts, string? Context)> ReadBlocks(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < MinimumHeaderSize || !bytes.AsSpan(0, 8).SequenceEqual(Magic))
            throw new UserError($"{path}: not a FlowCover hit file (bad header); delete it and run again.");
        var blocks = new List<(CoverageMode, long[], string?)>();
        long at = 0;
        while (at + MinimumHeaderSize <= bytes.Length)
        {
            if (!bytes.AsSpan((int)at, 8).SequenceEqual(Magic))
            {
                at = (at / ChunkUnit + 1) * ChunkUnit;
                continue;
            }
            var (block, size) = ReadBlock(path, bytes.AsSpan((int)at));
            blocks.Add(block);
            at += size;
        }
        return blocks;
    }

    private static ((CoverageMode Mode, long[] Counts, string? Context) Block, long Size) ReadBlock(string path, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < MinimumHeaderSize)
            throw new UserError($"{path}: hit file is truncated; delete it and run again.");
        var headerSize = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        var modeNumber = BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]);
        if (!CoverageModes.IsMode(modeNumber))
            throw new UserError($"{path}: not a FlowCover hit file (unknown mode {modeNumber}); delete it and run again.");
        var mode = (CoverageMode)modeNumber;
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes[16..]);
        var width = mode.CounterBytes();
        if (headerSize < MinimumHeaderSize || count < 0 || bytes.Length < headerSize + (long)count * width)
            throw new UserError($"{path}: hit file is truncated; delete it and run again.");
        var counts = new long[count];
        var data = bytes[headerSize..];
        for (var i = 0; i < count; i++)
            counts[i] = mode == CoverageMode.Count ? BinaryPrimitives.ReadInt64LittleEndian(data[(i * 8)..]) : data[i];
        var nameLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[24..]);
        if (nameLength < 0 || (nameLength > 0 && HeaderSize + (long)nameLength > headerSize))
            throw new UserError($"{path}: not a FlowCover hit file (bad context name); delete it and run again.");
        var context = nameLength == 0 ? null : Encoding.UTF8.GetString(bytes.Slice(HeaderSize, nameLength));
        return ((mode, counts, context), BlockSize(headerSize, count, width));
    }
}
