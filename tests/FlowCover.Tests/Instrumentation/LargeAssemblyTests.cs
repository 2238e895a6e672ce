using System.Runtime.Loader;
using System.Text;
using FlowCover.Data;
using FlowCover.Instrumentation;
using FlowCover.Reporting;
using FlowCover.Tests.Validation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// An assembly big enough that methods are analysed and probed on several threads: the
/// coverage must be as exact, and the probe numbering as stable, as on one thread.
/// </summary>
public sealed class LargeAssemblyTests
{
    private const int Methods = 1200;

    [Fact]
    public void Every_method_of_a_large_assembly_is_measured_exactly_and_numbered_the_same_each_time()
    {
        var (first, result) = InstrumentAndRun();
        var (second, _) = InstrumentAndRun();
        Assert.Equal(first.ProbeCount, second.ProbeCount);
        Assert.Equal(first.Methods.Select(m => (m.Name, string.Join(",", m.Lines.SelectMany(l => l.Probes)))),
            second.Methods.Select(m => (m.Name, string.Join(",", m.Lines.SelectMany(l => l.Probes)))));

        var methods = result.Files.Single().Methods;
        Assert.Equal(Methods, methods.Count);
        foreach (var method in methods)
        {
            var called = int.Parse(method.Name[(method.Name.IndexOf(".M", StringComparison.Ordinal) + 2)..]) % 2 == 0;
            // if (x > i) / return 1; / return 0; — called with x = i + 1: the if and return 1 ran.
            Assert.Equal(called ? [true, true, false] : [false, false, false], method.Lines.Select(l => l.Covered));
            Assert.Equal(called ? 1 : 0, method.Lines[0].TakenOutcomes);
        }
    }

    private static (ModuleModel Model, CoverageResult Result) InstrumentAndRun()
    {
        var source = new StringBuilder("public static class Many\n{\n");
        for (var i = 0; i < Methods; i++)
            source.Append($"    public static int M{i}(int x)\n    {{\n        if (x > {i})\n            return 1;\n        return 0;\n    }}\n");
        source.Append("    public static void Run()\n    {\n");
        for (var i = 0; i < Methods; i += 2)
            source.Append($"        M{i}({i + 1});\n");
        source.Append("    }\n}\n");
        var (work, dll) = TargetCompiler.CompileSnippet("large", "Many", source.ToString(), OptimizationLevel.Release);
        var data = Path.Combine(work, "data");
        var options = new InstrumentOptions { DataDirectory = data, SourceRoot = work };
        var model = InPlace.Instrument(dll, options);
        var run = new AssemblyLoadContext("many-" + Guid.NewGuid(), isCollectible: true).LoadFromAssemblyPath(dll);
        run.GetType("Many")!.GetMethod("Run")!.Invoke(null, null);
        var result = CoverageAnalysis.Analyze(Collector.Collect(data, CoverageMode.Set, [model]), work);
        // Run() itself is one more method of the file.
        return (model, result with { Files = [result.Files.Single() with { Methods = result.Files.Single().Methods.Where(m => !m.Name.EndsWith(".Run", StringComparison.Ordinal)).ToList() }] });
    }
}
