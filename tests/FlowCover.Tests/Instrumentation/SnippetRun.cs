using System.Runtime.Loader;
using FlowCover.Data;
using FlowCover.Instrumentation;
using FlowCover.Reporting;
using FlowCover.Tests.Validation;
using Microsoft.CodeAnalysis;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A snippet whose static <c>Target.Run</c> is compiled in one build (Release by default: the
/// shapes only Release compiles), instrumented in place, run once in a load context of its own,
/// and its one file's coverage, read by a statement's text: for tests of exact counts and labels
/// of one idiom.
/// </summary>
internal sealed class SnippetRun
{
    private readonly string[] _text;

    private SnippetRun(FileResult file)
    {
        File = file;
        _text = System.IO.File.ReadAllLines(file.Path);
    }

    public FileResult File { get; }

    /// <summary>Compiles, instruments and runs <paramref name="source"/> (an assembly named
    /// <paramref name="assembly"/>, in a work folder named from <paramref name="name"/> and the build;
    /// with the preprocessor symbols <paramref name="defines"/>).</summary>
    public static SnippetRun Run(string name, string assembly, string source, CoverageMode mode, bool contexts = false,
        OptimizationLevel optimization = OptimizationLevel.Release, IReadOnlyList<string>? defines = null)
    {
        var (work, dll) = TargetCompiler.CompileSnippet($"{name}-{optimization}", assembly, source, optimization, defines: defines);
        var data = Path.Combine(work, "data");
        InPlace.Instrument(dll, new InstrumentOptions { DataDirectory = data, Mode = mode, SourceRoot = work, Contexts = contexts });
        var loaded = new AssemblyLoadContext($"{name}-{optimization}-{Guid.NewGuid():N}").LoadFromAssemblyPath(dll);
        loaded.GetType("Target")!.GetMethod("Run")!.Invoke(null, null);
        return new SnippetRun(CoverageAnalysis.Analyze(Collector.Collect(data, mode), work).Files.Single());
    }

    /// <summary>The hits of the statement whose line is exactly <paramref name="statement"/>
    /// (trimmed), the <paramref name="occurrence"/>-th such line from 0.</summary>
    public long Hits(string statement, int occurrence = 0) =>
        HitsOrNone(statement, occurrence) ?? throw new InvalidOperationException($"`{statement}` ({occurrence}) is no line of the report");

    /// <summary>As <see cref="Hits"/>, or null when the statement is no line of the report (a
    /// line a build leaves out).</summary>
    public long? HitsOrNone(string statement, int occurrence = 0)
    {
        var line = _text.Select((text, k) => (Text: text.Trim(), Line: k + 1)).Where(l => l.Text == statement).ElementAt(occurrence).Line;
        return File.Lines.SingleOrDefault(l => l.Line == line)?.Hits;
    }

    /// <summary>Asserts that the line holding <paramref name="text"/> has outcomes, and that each
    /// of them <paramref name="truth"/> names (<c>f true</c>) carries the runs it gives: the runs
    /// the source takes, worked out by hand. Labels it does not name (the jump form, a bare
    /// <c>true</c>) are not read: a statement may keep the jump form, never a wrong name.</summary>
    public void AssertNamedRuns(string text, IReadOnlyDictionary<string, long> truth)
    {
        var outcomes = Outcomes(text);
        Xunit.Assert.NotEmpty(outcomes);
        Xunit.Assert.All(outcomes.Select(o => o.Split('=')).Where(o => truth.ContainsKey(o[0])), o => Xunit.Assert.Equal($"{o[0]}={truth[o[0]]}", $"{o[0]}={o[1]}"));
    }

    /// <summary>The outcomes of the line that holds <paramref name="text"/> (its
    /// <paramref name="occurrence"/>-th, from 0), each as <c>label=count</c>, sorted.</summary>
    public List<string> Outcomes(string text, int occurrence = 0)
    {
        var line = _text.Select((l, k) => (Text: l, Line: k + 1)).Where(l => l.Text.Contains(text, StringComparison.Ordinal)).ElementAt(occurrence).Line;
        return File.Lines.Single(l => l.Line == line).Outcomes.Select(o => $"{o.Label}={o.Hits}").Order(StringComparer.Ordinal).ToList();
    }
}
