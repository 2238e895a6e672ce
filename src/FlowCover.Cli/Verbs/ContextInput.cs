using FlowCover.Data;
using FlowCover.Data.Contexts;
using FlowCover.Reporting.Contexts;

namespace FlowCover.Cli.Verbs;

/// <summary>The context database that belongs to a data file (<c>.flowcover.contexts</c> beside
/// <c>.flowcover</c>), as the verbs that read contexts open it.</summary>
internal static class ContextInput
{
    /// <summary>The data file's context database, opened; a missing one is one line saying how
    /// to record contexts.</summary>
    public static ContextStore Open(string dataFile)
    {
        var path = ContextDatabase.PathFor(dataFile);
        if (!File.Exists(path))
            throw new UserError($"{path}: no contexts were recorded for {dataFile}; measure with 'flowcover test --contexts test' or 'flowcover run --contexts test -- ...' first.");
        return ContextStore.Open(path);
    }

    /// <summary>
    /// The data as the report shows it: limited to what the contexts matching
    /// <paramref name="patterns"/> ran when any are given (<c>--context</c>), and with the index
    /// of which contexts ran each line when <paramref name="lineContexts"/> asks for it and the
    /// data file has contexts.
    /// </summary>
    public static (CoverageData Data, LineContexts? Contexts) Limit(CoverageData data, string dataFile, IReadOnlyList<string> patterns, bool lineContexts)
    {
        if (patterns.Count == 0 && !(lineContexts && File.Exists(ContextDatabase.PathFor(dataFile))))
            return (data, null);
        using var store = Open(dataFile);
        if (data.Modules.Count > 0 && store.Mode != data.Mode)
            throw new UserError($"{ContextDatabase.PathFor(dataFile)}: its contexts were measured in {store.Mode.Name()} mode and {dataFile} in {data.Mode.Name()} mode; measure both in one run with --contexts.");
        var picked = ContextPatterns.Parse(patterns);
        Func<ContextName, bool> matches = patterns.Count == 0 ? _ => true : picked.Matches;
        if (patterns.Count > 0)
        {
            var all = store.Contexts();
            if (!all.Any(matches))
                throw new UserError($"--context {string.Join(" --context ", patterns)}: matches none of the {all.Count} contexts recorded in {ContextDatabase.PathFor(dataFile)}; 'flowcover who FILE:LINE' shows their names.");
            data = ContextCoverage.Limit(data, store.Union(matches));
        }
        if (!lineContexts)
            return (data, null);
        var contexts = store.ReadAll();
        contexts = new ContextData(contexts.Mode, contexts.Modules, contexts.Sets.Where(s => matches(new ContextName(s.Test, s.Route))).ToList())
        {
            Contexts = contexts.Contexts.Where(matches).ToList(),
        };
        return (data, LineContexts.Build(data, contexts));
    }
}
