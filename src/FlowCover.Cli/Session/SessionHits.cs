using FlowCover.Data;
using FlowCover.Data.Contexts;

namespace FlowCover.Cli.Session;

/// <summary>
/// Puts a session's hits into its data file, the last step of a run and of finishing one that
/// was interrupted. A hit file that cannot be read is skipped with a warning naming it; the
/// others are kept. A module whose files a rebuild replaced and that recorded no hit is left
/// out: its 0% would describe a build that never ran. Returns the names of the measured
/// assemblies when the session recorded no hit at all (coverage.py's "No data was collected"),
/// else an empty list: the caller says so in one line rather than let a 0% pass for a measurement.
/// </summary>
internal static class SessionHits
{
    public static IReadOnlyList<string> Save(RunSession session, IEnumerable<ModuleModel> known, IReadOnlySet<string> rebuilt, CoverageData? appendTo, TextWriter log, ModelFiles? modelFiles = null)
    {
        var record = session.Record;
        var data = Collector.Collect(session.DataDirectory, record.Mode, known,
            problem => log.WriteLine($"flowcover: warning: skipped a file the others are kept without: {problem}"));
        PhaseClock.Lap("collect hits");
        data = data with { Modules = data.Modules.Where(m => !rebuilt.Contains(m.Model.Key) || m.Hits.Any(h => h != 0)).ToList() };
        IReadOnlyList<string> nothingRan = data.Modules.Any(m => m.Hits.Any(h => h != 0))
            ? []
            : data.Modules.Select(m => m.Model.AssemblyName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (appendTo is not null)
            data = Combiner.Combine([appendTo, data]);
        CoverageDataFile.Write(record.DataFile, data, modelFiles);
        var contexts = ContextDatabase.PathFor(record.DataFile);
        if (File.Exists(ContextsMarker(session)))
        {
            var sets = ContextCollector.Collect(session.DataDirectory, data,
                problem => log.WriteLine($"flowcover: warning: skipped a context file the others are kept without: {problem}"));
            ContextDatabase.Save(contexts, data, sets, appendTo is not null);
            PhaseClock.Lap("write the context database");
        }
        else if (appendTo is null && File.Exists(contexts))
        {
            // The database of an earlier run would name tests for lines this run's data says
            // nothing about: who, html and json read it whenever it is there.
            File.Delete(contexts);
        }
        return nothingRan;
    }

    /// <summary>The file that says a session records contexts, in its data folder, so a session
    /// finished by a later invocation saves them too.</summary>
    public static string ContextsMarker(RunSession session) => Path.Combine(session.DataDirectory, "contexts");

    /// <summary>The data file's hash, or null when there is none.</summary>
    public static string? HashOf(string dataFile) => File.Exists(dataFile) ? Journal.Hash(dataFile) : null;
}
