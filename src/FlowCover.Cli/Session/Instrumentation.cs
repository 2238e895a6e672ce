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
    /// <summary>Reads and plans every candidate. An assembly named directly as a target that
    /// cannot be measured is an error; one found in a folder is skipped, with a warning when
    /// the user asked for it (--include) or it looks like theirs (already instrumented,
    /// ReadyToRun).</summary>
    public static IReadOnlyList<PreparedAssembly> Prepare(
        IEnumerable<Candidate> candidates, InstrumentOptions options, TextWriter warnings)
    {
        var instrumenter = new AssemblyInstrumenter(options);
        var prepared = new List<PreparedAssembly>();
        foreach (var candidate in candidates)
        {
            var (assembly, skip) = instrumenter.Prepare(candidate.Path);
            if (assembly is not null)
                prepared.Add(assembly);
            else if (candidate.Kind == CandidateKind.Named)
                throw new UserError($"{candidate.Path}: cannot be measured: {skip}.");
            else if (candidate.Kind == CandidateKind.Included || skip!.StartsWith("already", StringComparison.Ordinal) || skip.Contains("ReadyToRun", StringComparison.Ordinal))
                warnings.WriteLine($"flowcover: warning: skipping {candidate.Path}: {skip}");
        }
        return prepared;
    }

    public static void Apply(IReadOnlyList<PreparedAssembly> assemblies, RunSession session)
    {
        session.Journal.Save(assemblies.SelectMany(a => a.Files));
        try
        {
            // The models are plain data, written while Cecil (single-threaded) writes the IL.
            var models = Task.Run(() =>
            {
                foreach (var assembly in assemblies)
                    ModuleModelFile.Write(session.DataDirectory, assembly.Model);
            });
            foreach (var assembly in assemblies)
                assembly.Write();
            models.GetAwaiter().GetResult();
        }
        catch
        {
            session.Journal.Restore();
            throw;
        }
    }
}
