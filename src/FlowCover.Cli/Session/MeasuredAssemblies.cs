using FlowCover.Data;

namespace FlowCover.Cli.Session;

/// <summary>Says what a run measures, one line per instrumented assembly (its name, source
/// files and statements), so a file missing from the report is never a mystery.</summary>
internal static class MeasuredAssemblies
{
    public static void Describe(IEnumerable<ModuleModel> models, TextWriter log)
    {
        // The same build copied into several output folders is one module.
        foreach (var model in models.DistinctBy(m => m.Key, StringComparer.Ordinal).OrderBy(m => m.AssemblyName, StringComparer.Ordinal))
        {
            var lines = model.Methods.SelectMany(m => m.Lines.Select(l => (m.Document, l.Line))).Distinct().ToList();
            var files = lines.Select(l => l.Document).Distinct().Count();
            log.WriteLine($"flowcover: measuring {model.AssemblyName}: {files} {(files == 1 ? "file" : "files")}, {lines.Count} {(lines.Count == 1 ? "statement" : "statements")}");
        }
    }
}
