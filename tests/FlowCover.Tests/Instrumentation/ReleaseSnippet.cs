using System.Runtime.Loader;
using FlowCover.Data;
using FlowCover.Instrumentation;
using FlowCover.Reporting;
using FlowCover.Tests.Validation;
using Microsoft.CodeAnalysis;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A snippet whose <c>Target.Run</c> is compiled in Release, instrumented in place, run once in a
/// load context of its own, and its one file's coverage, read by a statement's text: for tests
/// of exact counts of the shapes only Release compiles.
/// </summary>
internal sealed class ReleaseSnippet
{
    private readonly string[] _text;

    private ReleaseSnippet(FileResult file)
    {
        File = file;
        _text = System.IO.File.ReadAllLines(file.Path);
    }

    public FileResult File { get; }

    /// <summary>Compiles, instruments and runs <paramref name="source"/> (an assembly named
    /// <paramref name="assembly"/>, in a work folder named from <paramref name="name"/>).</summary>
    public static ReleaseSnippet Run(string name, string assembly, string source, CoverageMode mode, bool contexts = false)
    {
        var (work, dll) = TargetCompiler.CompileSnippet(name, assembly, source, OptimizationLevel.Release);
        var data = Path.Combine(work, "data");
        InPlace.Instrument(dll, new InstrumentOptions { DataDirectory = data, Mode = mode, SourceRoot = work, Contexts = contexts });
        var loaded = new AssemblyLoadContext($"{name}-{Guid.NewGuid():N}").LoadFromAssemblyPath(dll);
        loaded.GetType("Target")!.GetMethod("Run")!.Invoke(null, null);
        return new ReleaseSnippet(CoverageAnalysis.Analyze(Collector.Collect(data, mode), work).Files.Single());
    }

    /// <summary>The hits of the statement whose line is exactly <paramref name="statement"/>
    /// (trimmed), the <paramref name="occurrence"/>-th such line from 0.</summary>
    public long Hits(string statement, int occurrence = 0)
    {
        var line = _text.Select((text, k) => (Text: text.Trim(), Line: k + 1)).Where(l => l.Text == statement).ElementAt(occurrence).Line;
        return File.Lines.Single(l => l.Line == line).Hits;
    }
}
