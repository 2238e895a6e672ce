using System.Reflection;
using System.Runtime.Loader;
using FlowCover.Data;
using FlowCover.Instrumentation;
using FlowCover.Reporting;
using Microsoft.CodeAnalysis;

namespace FlowCover.Tests.Validation;

/// <summary>
/// One configuration of the validation suite: every target compiled together, instrumented,
/// loaded, each target's Run/RunAsync called once (plus the top-level statements), and the
/// resulting coverage analyzed. Built once per configuration and shared by the tests.
/// </summary>
public sealed class TargetRun
{
    public static string TargetsDirectory => Path.Combine(AppContext.BaseDirectory, "Targets");

    private static readonly Dictionary<string, Lazy<TargetRun>> Runs = new()
    {
        ["Debug"] = new(() => new TargetRun(OptimizationLevel.Debug, CoverageMode.Set)),
        ["Release"] = new(() => new TargetRun(OptimizationLevel.Release, CoverageMode.Set)),
    };

    public static TargetRun For(string configuration) => Runs[configuration].Value;

    public CoverageResult Result { get; }
    public IReadOnlyDictionary<string, string> Failures { get; }

    private TargetRun(OptimizationLevel optimization, CoverageMode mode)
    {
        var work = Path.Combine(Scratch.Folder("targets"), optimization.ToString());
        var dll = CompileTargets(work, optimization);
        var data = Path.Combine(work, "data");
        var options = new InstrumentOptions { DataDirectory = data, Mode = mode, SourceRoot = TargetsDirectory };
        InPlace.Instrument(dll, options);

        var assembly = new AssemblyLoadContext("targets-" + optimization).LoadFromAssemblyPath(dll);
        Failures = RunAll(assembly);
        Result = CoverageAnalysis.Analyze(Collector.Collect(data, mode), TargetsDirectory);
    }

    /// <summary>Compiles every target into <c>{work}/bin</c>, and keeps an uninstrumented copy
    /// (with its PDB, unless it is inside) in <c>{work}/original</c>, for reading the compiler's
    /// IL when a target fails; returns the assembly in bin.</summary>
    public static string CompileTargets(string work, OptimizationLevel optimization, bool embedPdb = false)
    {
        var sources = Directory.GetFiles(TargetsDirectory, "*.cs").Order(StringComparer.Ordinal).ToList();
        // Top-level statements make the targets a program; without them they are a library.
        var kind = sources.Any(s => Path.GetFileName(s) == "TopLevelStatements.cs") ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        var dll = TargetCompiler.Compile(sources, Path.Combine(work, "bin"), "FlowCover.Targets", optimization, kind, embedPdb: embedPdb);
        Directory.CreateDirectory(Path.Combine(work, "original"));
        foreach (var file in embedPdb ? [dll] : new[] { dll, Path.ChangeExtension(dll, ".pdb") })
            File.Copy(file, Path.Combine(work, "original", Path.GetFileName(file)));
        return dll;
    }

    private static Dictionary<string, string> RunAll(Assembly assembly)
    {
        var failures = new Dictionary<string, string>();
        foreach (var type in assembly.GetTypes().Where(t => t.Name == "Target" && t.Namespace?.StartsWith("FlowCover.Targets.", StringComparison.Ordinal) == true))
        {
            var file = type.Namespace!["FlowCover.Targets.".Length..];
            try
            {
                var run = type.GetMethod("Run") ?? type.GetMethod("RunAsync") ?? throw new InvalidOperationException("no Run or RunAsync");
                if (run.Invoke(null, null) is Task task)
                    task.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                failures[file] = (e is TargetInvocationException { InnerException: { } inner } ? inner : e).ToString();
            }
        }
        if (assembly.EntryPoint is { } main)
        {
            try
            {
                var result = main.Invoke(null, main.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
                if (result is Task task)
                    task.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                failures["TopLevelStatements"] = e.ToString();
            }
        }
        return failures;
    }
}
