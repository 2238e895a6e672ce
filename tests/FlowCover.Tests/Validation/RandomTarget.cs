using System.Runtime.Loader;
using FlowCover.Data;
using FlowCover.Instrumentation;
using FlowCover.Reporting;

namespace FlowCover.Tests.Validation;

/// <summary>A compiled random program (<see cref="RandomProgram"/>) instrumented one way in a
/// folder of its own, its <c>Target.Run</c> called, and its one file's coverage.</summary>
internal static class RandomTarget
{
    public static FileResult Run(string dll, string work, string name, CoverageMode mode, bool shareProbes)
    {
        var folder = Path.Combine(work, name);
        Directory.CreateDirectory(folder);
        var copy = Path.Combine(folder, Path.GetFileName(dll));
        File.Copy(dll, copy);
        File.Copy(Path.ChangeExtension(dll, ".pdb"), Path.ChangeExtension(copy, ".pdb"));
        var data = Path.Combine(folder, "data");
        var options = new InstrumentOptions { DataDirectory = data, Mode = mode, SourceRoot = work, ShareProbes = shareProbes };
        InPlace.Instrument(copy, options);
        var assembly = new AssemblyLoadContext($"random-{name}-{Guid.NewGuid():N}").LoadFromAssemblyPath(copy);
        assembly.GetType("FlowCover.Targets.Random.Target")!.GetMethod("Run")!.Invoke(null, null);
        return CoverageAnalysis.Analyze(Collector.Collect(data, mode), work).Files.Single();
    }
}
