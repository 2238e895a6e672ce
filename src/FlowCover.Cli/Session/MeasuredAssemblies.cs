using FlowCover.Instrumentation;

namespace FlowCover.Cli.Session;

/// <summary>Says what a run measures, one line per instrumented assembly (its name, source
/// files and statements), so a file missing from the report is never a mystery.</summary>
internal static class MeasuredAssemblies
{
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
            log.WriteLine($"flowcover: measuring {assembly.Model.AssemblyName}: {files} {(files == 1 ? "file" : "files")}, {statements} {(statements == 1 ? "statement" : "statements")}");
        }
    }
}
