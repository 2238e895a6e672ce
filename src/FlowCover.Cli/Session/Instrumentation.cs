using FlowCover.Data;
using FlowCover.Instrumentation;

namespace FlowCover.Cli.Session;

/// <summary>
/// Instruments a run's candidates all or nothing: every assembly is read and planned first (a
/// bad one stops the run with nothing changed), then the journal saves every file, then the
/// files are rewritten and the models left in the data folder.
/// </summary>
internal static class Instrumentation
{
    public static IReadOnlyList<PreparedAssembly> Prepare(
        IEnumerable<(string Path, bool Explicit)> candidates, InstrumentOptions options, TextWriter warnings)
    {
        var instrumenter = new AssemblyInstrumenter(options);
        var prepared = new List<PreparedAssembly>();
        foreach (var (path, isExplicit) in candidates)
        {
            var (assembly, skip) = instrumenter.Prepare(path);
            if (assembly is not null)
                prepared.Add(assembly);
            else if (isExplicit || skip!.StartsWith("already", StringComparison.Ordinal) || skip.Contains("ReadyToRun", StringComparison.Ordinal))
                warnings.WriteLine($"flowcover: warning: skipping {path}: {skip}");
        }
        return prepared;
    }

    public static void Apply(IReadOnlyList<PreparedAssembly> assemblies, RunSession session)
    {
        session.Journal.Save(assemblies.SelectMany(a => a.Files));
        try
        {
            foreach (var assembly in assemblies)
            {
                assembly.Write();
                ModuleModelFile.Write(session.DataDirectory, assembly.Model);
            }
        }
        catch
        {
            session.Journal.Restore();
            throw;
        }
    }
}
