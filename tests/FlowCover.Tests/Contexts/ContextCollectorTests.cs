using System.Buffers.Binary;
using System.Text;
using FlowCover.Data;
using FlowCover.Data.Contexts;
using Xunit;

namespace FlowCover.Tests.Contexts;

/// <summary>
/// The context sets of a data folder (docs/per-thread-blocks.md): the hit files naming one test
/// in one module are joined, whichever process wrote them; a file naming none is
/// <c>(none)</c>'s; a block no probe stored into gives no set.
/// </summary>
public sealed class ContextCollectorTests
{
    [Fact]
    public void The_files_of_a_test_are_joined_and_a_file_with_no_name_is_none()
    {
        var folder = Scratch.Folder("context-collect");
        ModuleModelFile.Write(folder, new ModuleModel("M.1", "M", "1", 10, ["/src/A.cs"],
            [new MethodModel("A", "A.F", 0, 1, [new LineProbe(1, [1])], [])]));
        WriteHitFile(folder, "M.1.41.a.hits", "Ns.Tests.First", [1, 9]);
        WriteHitFile(folder, "M.1.42.b.hits", "Ns.Tests.First", [2]);
        WriteHitFile(folder, "M.1.42.c.hits", "(setup) Ns.Tests", [3]);
        WriteHitFile(folder, "M.1.42.d.hits", null, [0]);
        WriteHitFile(folder, "M.1.42.e.hits", "Ns.Tests.Second", []);

        var data = Collector.Collect(folder, CoverageMode.Set);
        var sets = ContextCollector.Collect(folder, data, problem => Assert.Fail(problem));

        Assert.Equal(
            ["(none) M.1 01-00", "(setup) Ns.Tests M.1 08-00", "Ns.Tests.First M.1 06-02"],
            sets.Select(s => $"{s.Test} {s.ModuleKey} {Convert.ToHexString(s.Probes).Insert(2, "-")}"));
        Assert.All(sets, s => Assert.Null(s.Route));
        Assert.Equal([1, 1, 1, 1, 0, 0, 0, 0, 0, 1], Assert.Single(data.Modules).Hits);
    }

    [Fact]
    public void A_route_after_the_test_on_a_line_of_its_own_is_the_second_dimension()
    {
        var folder = Scratch.Folder("context-routes");
        ModuleModelFile.Write(folder, new ModuleModel("M.1", "M", "1", 10, ["/src/A.cs"],
            [new MethodModel("A", "A.F", 0, 1, [new LineProbe(1, [1])], [])]));
        WriteHitFile(folder, "M.1.41.a.hits", "Ns.Tests.First\nGET /fx/{base}/{quote}", [1]);
        WriteHitFile(folder, "M.1.42.b.hits", "Ns.Tests.First\nGET /fx/{base}/{quote}", [2]);
        WriteHitFile(folder, "M.1.42.c.hits", "Ns.Tests.First", [3]);
        WriteHitFile(folder, "M.1.42.d.hits", "(none)\nGET /health", [4]);

        var data = Collector.Collect(folder, CoverageMode.Set);
        var sets = ContextCollector.Collect(folder, data, problem => Assert.Fail(problem));

        Assert.Equal(
            ["(none) [GET /health] 10-00", "Ns.Tests.First 08-00", "Ns.Tests.First [GET /fx/{base}/{quote}] 06-00"],
            sets.Select(s => $"{new ContextName(s.Test, s.Route)} {Convert.ToHexString(s.Probes).Insert(2, "-")}"));
    }

    [Fact]
    public void A_context_name_longer_than_the_header_moves_the_counters_on()
    {
        var folder = Scratch.Folder("context-long-name");
        var name = "Ns.Tests." + new string('T', 300);
        WriteHitFile(folder, "M.1.42.a.hits", name, [4]);

        var (mode, counts, context) = Assert.Single(HitFile.ReadBlocks(Path.Combine(folder, "M.1.42.a.hits")));

        Assert.Equal(CoverageMode.Set, mode);
        Assert.Equal(name, context);
        Assert.Equal([0, 0, 0, 0, 1, 0, 0, 0, 0, 0], counts);
    }

    [Fact]
    public void An_arena_holds_the_blocks_of_many_contexts_chunk_after_chunk()
    {
        // As the tracker lays a module's arena out (docs/DESIGN.md, "Hit file"): blocks one after
        // the other, counters padded to 128 bytes; a chunk's unused end is zeros; the next chunk
        // starts on a 64 KiB boundary; a block whose magic was never written (the process was
        // killed while making it) is no block.
        var folder = Scratch.Folder("context-arena");
        ModuleModelFile.Write(folder, new ModuleModel("M.1", "M", "1", 10, ["/src/A.cs"],
            [new MethodModel("A", "A.F", 0, 1, [new LineProbe(1, [1])], [])]));
        var arena = new byte[3 * HitFile.ChunkUnit];
        var first = Block("Ns.Tests.First", [1], padded: true);
        var second = Block("Ns.Tests.Second", [2, 9], padded: true);
        first.CopyTo(arena, 0);
        second.CopyTo(arena, first.Length);
        Block("Ns.Tests.First", [3], padded: true).CopyTo(arena, HitFile.ChunkUnit);
        var cutOff = Block("Ns.Tests.Third", [], padded: true);
        cutOff.AsSpan(8).CopyTo(arena.AsSpan(2 * HitFile.ChunkUnit + 8));
        File.WriteAllBytes(Path.Combine(folder, "M.1.42.a.hits"), arena);

        var blocks = HitFile.ReadBlocks(Path.Combine(folder, "M.1.42.a.hits"));
        var data = Collector.Collect(folder, CoverageMode.Set);
        var sets = ContextCollector.Collect(folder, data, problem => Assert.Fail(problem));

        Assert.Equal(["Ns.Tests.First", "Ns.Tests.Second", "Ns.Tests.First"], blocks.Select(b => b.Context));
        Assert.Equal(["Ns.Tests.First 0A-00", "Ns.Tests.Second 04-02"],
            sets.Select(s => $"{s.Test} {Convert.ToHexString(s.Probes).Insert(2, "-")}"));
        Assert.Equal([0, 1, 1, 1, 0, 0, 0, 0, 0, 1], Assert.Single(data.Modules).Hits);
    }

    /// <summary>A set-mode hit file of 10 probes as docs/DESIGN.md lays it out, naming
    /// <paramref name="context"/> (none when null), with <paramref name="ran"/> set.</summary>
    private static void WriteHitFile(string folder, string name, string? context, int[] ran)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, name), Block(context, ran, padded: false));
    }

    /// <summary>A block of 10 probes: header, counters, and with <paramref name="padded"/> the
    /// counters padded to 128 bytes, as in an arena.</summary>
    private static byte[] Block(string? context, int[] ran, bool padded)
    {
        var text = context is null ? [] : Encoding.UTF8.GetBytes(context);
        var header = 128 + (text.Length + 127) / 128 * 128;
        var bytes = new byte[header + (padded ? 128 : 10)];
        HitFile.Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), header);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 10);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(20), 42);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(24), text.Length);
        text.CopyTo(bytes, 128);
        foreach (var probe in ran)
            bytes[header + probe] = 1;
        return bytes;
    }
}
