using System.Reflection;
using FlowCover.Data;
using FlowCover.Runtime;
using Xunit;

namespace FlowCover.Tests.Data;

/// <summary>
/// The hit file's layout is written by the tracker, which is cloned into measured modules and so
/// cannot reference FlowCover.Data, and read (and reserved ahead, by the run's preflight) through
/// <see cref="HitFile"/>. Each side keeps its own copy of the sizes; these tests hold them equal.
/// </summary>
public sealed class HitFileLayoutTests
{
    [Theory]
    [InlineData("HeaderSize", HitFile.HeaderSize)]
    [InlineData("ChunkUnit", HitFile.ChunkUnit)]
    [InlineData("MinimumChunk", HitFile.FirstArenaChunk)]
    public void The_tracker_writes_the_sizes_the_reader_expects(string trackerConstant, int expected)
    {
        var field = typeof(ModuleTracker).GetField(trackerConstant, BindingFlags.NonPublic | BindingFlags.Static);
        Assert.NotNull(field);
        Assert.True(field.IsLiteral, $"{trackerConstant} is a constant");
        Assert.Equal(expected, (int)field.GetRawConstantValue()!);
    }

    [Theory]
    [InlineData(0, 0L)]
    [InlineData(1, 262_144L)]
    [InlineData(200_000, 262_144L)]
    // 256 bytes of header and 1,000,064 of counters: 16 units of 64 KiB.
    [InlineData(1_000_000, 1_048_576L)]
    public void An_arena_reserves_its_first_chunk_or_one_block_rounded_to_the_unit(int probes, long expected) =>
        Assert.Equal(expected, HitFile.FirstArenaReserve(probes));
}
