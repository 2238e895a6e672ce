using FlowCover.Instrumentation;

namespace FlowCover.Cli.Session;

/// <summary>Says what a run measures, one line per instrumented assembly (its name, source
/// files and statements), so a file missing from the report is never a mystery, nor a line
/// that a Release build leaves out (docs/annotations.md, "Where the source decides").</summary>
internal static class MeasuredAssemblies
{
    private const string ReleaseNote = " (a Release build: a statement compiled into another's code, such as some `break;` or a twin `return`, is left out; measure Debug to see every line)";

    public static void Describe(IEnumerable<IPreparedAssembly> assemblies, TextWriter log)
    {
        // The same build copied into several output folders is one module.
        foreach (var assembly in assemblies.DistinctBy(a => a.Model.Key, StringComparer.Ordinal).OrderBy(a => a.Model.AssemblyName, StringComparer.Ordinal))
        {
            var (files, statements) = assembly.Size;
            // A test assembly instrumented with --contexts only to mark its tests (no probes).
            if (assembly.Model.ProbeCount == 0)
            {
                log.WriteLine($"flowcover: marking the tests of {assembly.Model.AssemblyName} for contexts");
                continue;
            }
            var release = assembly.Optimized ? ReleaseNote : "";
            log.WriteLine($"flowcover: measuring {assembly.Model.AssemblyName}: {files} {(files == 1 ? "file" : "files")}, {statements} {(statements == 1 ? "statement" : "statements")}{release}");
        }
    }
}
