using FlowCover.Cli.Cache;
using FlowCover.Data;
using FlowCover.Instrumentation;

namespace FlowCover.Cli.Session;

/// <summary>
/// Instruments a run's candidates all or nothing: every assembly is read and planned first (a
/// bad one stops the run with nothing changed), then the journal saves every file, then the
/// files are rewritten and the models left in the data folder. With a cache, an assembly
/// instrumented before with the same inputs is copied from it instead, and a new one is kept.
/// </summary>
internal static class InstrumentStep
{
    /// <summary>An assembly to write, with the cache key to keep it under once written (null
    /// when it came from the cache or is not to be kept).</summary>
    public sealed record Planned(IPreparedAssembly Assembly, string? StoreAs);

    /// <summary>Reads and plans every candidate. An assembly named directly as a target that
    /// cannot be measured is an error; one found in a folder is skipped, with a warning when
    /// the user asked for it (--include) or it looks like theirs (already instrumented,
    /// ReadyToRun, a dependency missing).</summary>
    public static IReadOnlyList<Planned> Prepare(
        IEnumerable<Candidate> candidates, InstrumentOptions options, InstrumentationCache? cache, ModelFiles modelFiles, TextWriter warnings)
    {
        var instrumenter = new AssemblyInstrumenter(options);
        var planned = new List<Planned>();
        foreach (var candidate in candidates)
        {
            var key = cache is null ? null : CacheKey.For(candidate.Path, options);
            IPreparedAssembly? assembly;
            string? skip;
            if (key is not null && cache!.Find(key, candidate.Path, options.DataDirectory, modelFiles) is { } cached)
            {
                (assembly, skip) = cached;
                key = null;
            }
            else
            {
                (assembly, skip) = instrumenter.Prepare(candidate.Path);
                if (key is not null && skip is not null)
                    cache!.StoreSkip(key, skip);
            }
            if (assembly is not null)
                planned.Add(new Planned(assembly, key));
            else if (candidate.Kind == CandidateKind.Named)
                throw new UserError($"{candidate.Path}: cannot be measured: {skip}.");
            else if (candidate.Kind == CandidateKind.Included || skip!.StartsWith("already", StringComparison.Ordinal) || skip.Contains("ReadyToRun", StringComparison.Ordinal))
                warnings.WriteLine($"flowcover: warning: skipping {candidate.Path}: {skip}");
        }
        return planned;
    }

    public static void Apply(IReadOnlyList<Planned> planned, RunSession session, InstrumentationCache? cache, ModelFiles modelFiles)
    {
        session.Journal.Save(planned.SelectMany(p => p.Assembly.Files.Select(f => (f, p.Assembly.Model.Key))));
        try
        {
            // The models are plain data, written while the assemblies are.
            var models = Task.Run(() =>
            {
                foreach (var p in planned)
                    p.Assembly.WriteModel(session.DataDirectory, modelFiles);
            });
            // Written beside the originals, then moved into place once the journal knows them.
            foreach (var p in planned)
                p.Assembly.Write(p.Assembly.Files.Select(Journal.PendingPath).ToList());
            models.GetAwaiter().GetResult();
            session.Journal.Replace(planned.SelectMany(p => p.Assembly.Files));
        }
        catch
        {
            session.Journal.Restore();
            throw;
        }
        foreach (var p in planned)
            if (p.StoreAs is { } key)
                cache!.Store(key, p.Assembly, session.DataDirectory);
    }
}
