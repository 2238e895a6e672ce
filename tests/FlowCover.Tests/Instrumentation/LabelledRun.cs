using System.Runtime.Loader;
using FlowCover.Data;
using FlowCover.Instrumentation;
using FlowCover.Reporting;
using FlowCover.Tests.Validation;
using Microsoft.CodeAnalysis;

namespace FlowCover.Tests.Instrumentation;

/// <summary>A snippet with a static <c>Target.Run</c>, compiled in one build, instrumented in
/// count mode, run once: the outcomes of a line, each as <c>label=count</c>, for tests that assert
/// the labels and counts of one idiom exactly.</summary>
internal sealed class LabelledRun
{
    private readonly FileResult _file;
    private readonly string[] _lines;

    private LabelledRun(FileResult file)
    {
        _file = file;
        _lines = File.ReadAllLines(file.Path);
    }

    public static LabelledRun Of(string purpose, string source, OptimizationLevel optimization)
    {
        var (work, dll) = TargetCompiler.CompileSnippet($"{purpose}-{optimization}", "Labelled", source, optimization);
        var data = Path.Combine(work, "data");
        InPlace.Instrument(dll, new InstrumentOptions { DataDirectory = data, Mode = CoverageMode.Count, SourceRoot = work });
        var assembly = new AssemblyLoadContext($"{purpose}-{optimization}-{Guid.NewGuid():N}").LoadFromAssemblyPath(dll);
        assembly.GetType("Target")!.GetMethod("Run")!.Invoke(null, null);
        return new LabelledRun(CoverageAnalysis.Analyze(Collector.Collect(data, CoverageMode.Count), work).Files.Single());
    }

    /// <summary>The outcomes of the line that holds <paramref name="text"/> (its
    /// <paramref name="occurrence"/>-th, from 0), sorted.</summary>
    public List<string> Outcomes(string text, int occurrence = 0)
    {
        var line = _lines.Select((l, k) => (Text: l, Line: k + 1)).Where(l => l.Text.Contains(text, StringComparison.Ordinal)).ElementAt(occurrence).Line;
        return _file.Lines.Single(l => l.Line == line).Outcomes.Select(o => $"{o.Label}={o.Hits}").Order(StringComparer.Ordinal).ToList();
    }
}
