using FlowCover.Data;
using FlowCover.Instrumentation;
using FlowCover.Tests.Validation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// The same input instrumented with the same options gives the same bytes: the assembly, its
/// PDB, the model file and the data file made from it. A build cache, a diff of CI artifacts and
/// the instrumentation cache all rely on it (docs/DESIGN.md, "Deterministic output").
/// </summary>
public sealed class DeterministicOutputTests
{
    [Theory]
    [InlineData(OptimizationLevel.Debug, CoverageMode.Count)]
    [InlineData(OptimizationLevel.Debug, CoverageMode.Set)]
    [InlineData(OptimizationLevel.Release, CoverageMode.Count)]
    [InlineData(OptimizationLevel.Release, CoverageMode.Set)]
    public void Instrumenting_the_targets_twice_gives_the_same_bytes(OptimizationLevel optimization, CoverageMode mode)
    {
        var work = Scratch.Folder("deterministic");
        AssertSameBytesTwice(work, TargetRun.CompileTargets(work, optimization), mode, TargetRun.TargetsDirectory);
    }

    private static void AssertSameBytesTwice(string work, string dll, CoverageMode mode, string sourceRoot)
    {
        var pdb = Path.ChangeExtension(dll, ".pdb");
        var original = (Assembly: File.ReadAllBytes(dll), Pdb: File.ReadAllBytes(pdb));

        var first = InstrumentAt(work, dll, mode, sourceRoot);
        File.WriteAllBytes(dll, original.Assembly);
        File.WriteAllBytes(pdb, original.Pdb);
        var second = InstrumentAt(work, dll, mode, sourceRoot);

        Assert.Equal(first.Keys.Order(StringComparer.Ordinal), second.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in first)
            Assert.True(bytes.AsSpan().SequenceEqual(second[name]), $"{name}: {FirstDifference(bytes, second[name])}");
    }

    /// <summary>Instruments <paramref name="dll"/> in place with its data folder in
    /// <paramref name="work"/>, and returns every file that wrote by name: the assembly, the
    /// PDB, the model file and a data file collected from the (empty) data folder.</summary>
    private static Dictionary<string, byte[]> InstrumentAt(string work, string dll, CoverageMode mode, string sourceRoot)
    {
        var data = Path.Combine(work, "data");
        if (Directory.Exists(data))
            Directory.Delete(data, recursive: true);
        var model = InPlace.Instrument(dll, new InstrumentOptions { DataDirectory = data, Mode = mode, SourceRoot = sourceRoot });
        var dataFile = Path.Combine(work, ".flowcover");
        CoverageDataFile.Write(dataFile, Collector.Collect(data, mode, [model]));
        return new Dictionary<string, byte[]>
        {
            ["assembly"] = File.ReadAllBytes(dll),
            ["pdb"] = File.ReadAllBytes(Path.ChangeExtension(dll, ".pdb")),
            ["model file"] = File.ReadAllBytes(ModuleModelFile.PathFor(data, model.Key)),
            ["data file"] = File.ReadAllBytes(dataFile),
        };
    }

    private static string FirstDifference(byte[] a, byte[] b)
    {
        var at = a.AsSpan().CommonPrefixLength(b);
        return $"{a.Length} and {b.Length} bytes, first different at 0x{at:X}";
    }
}
