using System.Buffers.Binary;
using System.Runtime.Loader;
using FlowCover.Data;
using FlowCover.Instrumentation;
using FlowCover.Instrumentation.Model;
using FlowCover.Tests.Validation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// Where counters sit in the hit file decides whether threads slow each other down: a core
/// storing into a cache line takes it from every other core, so two threads running different
/// code must not share one. Each type's counters start on a block of their own, and the
/// header is a block, so the counters start on one too.
/// </summary>
public sealed class CounterLayoutTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using System.Threading.Tasks;

        public static class First
        {
            public static int Run(int x) => Enumerable.Range(0, x).Select(i => i * 2).Sum() + (x > 2 ? 1 : 0);
        }

        public static class Second
        {
            public static async Task<int> RunAsync(int x)
            {
                await Task.Yield();
                return x > 1 ? x : -x;
            }
        }

        public sealed class Third
        {
            public int Value { get; set; }

            public int Twice() => Value * 2;

            public static int Run() => new Third { Value = 3 }.Twice();
        }
        """;

    [Theory]
    [InlineData(CoverageMode.Set, 128)]
    [InlineData(CoverageMode.Count, 16)]
    public void No_block_of_counters_holds_two_types(CoverageMode mode, int probesPerBlock)
    {
        var (model, _) = Instrument(mode);
        var typesByBlock = model.Methods
            .SelectMany(m => m.Lines.SelectMany(l => l.Probes).Concat(m.Branches.SelectMany(b => b.Outcomes.SelectMany(o => o.Probes))).Select(p => (Block: p / probesPerBlock, m.TypeName)))
            .GroupBy(p => p.Block, p => p.TypeName)
            .ToDictionary(g => g.Key, g => g.Distinct().ToList());
        Assert.Equal(3, typesByBlock.Values.SelectMany(t => t).Distinct().Count());
        Assert.All(typesByBlock, block => Assert.Single(block.Value));
    }

    [Fact]
    public void The_counters_start_a_block_after_the_start_of_the_hit_file()
    {
        var (model, data) = Instrument(CoverageMode.Set);
        var hits = Directory.GetFiles(data, "*" + HitFile.Extension).Single();
        var bytes = File.ReadAllBytes(hits);

        Assert.Equal(ModuleModelBuilder.CounterBlock, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(ModuleModelBuilder.CounterBlock + model.ProbeCount, bytes.Length);
        var (_, counts) = HitFile.Read(hits);
        Assert.Equal(1, counts[model.Methods.Single(m => m.Name == "Third.Run").Lines[0].Probes[0]]);
    }

    [Fact]
    public void A_hit_file_with_the_earlier_32_byte_header_still_reads()
    {
        var path = Path.Combine(Scratch.Folder("hits"), "M.1.a.hits");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = new byte[32 + 3];
        "FCHITS01"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), 32);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 3);
        bytes[32 + 1] = 1;
        File.WriteAllBytes(path, bytes);

        Assert.Equal([0L, 1L, 0L], HitFile.Read(path).Counts);
    }

    /// <summary>Instruments the three types and runs <c>Third.Run</c>; returns the model and
    /// the data folder holding the hit file.</summary>
    private static (ModuleModel Model, string Data) Instrument(CoverageMode mode)
    {
        var (work, dll) = TargetCompiler.CompileSnippet("layout", "Layout", Source, OptimizationLevel.Release);
        var data = Path.Combine(work, "data");
        var model = InPlace.Instrument(dll, new InstrumentOptions { DataDirectory = data, SourceRoot = work, Mode = mode });
        new AssemblyLoadContext("layout-" + Guid.NewGuid(), isCollectible: true).LoadFromAssemblyPath(dll).GetType("Third")!.GetMethod("Run")!.Invoke(null, null);
        return (model, data);
    }
}
