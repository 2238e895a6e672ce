using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace FlowCover.Data.Contexts;

/// <summary>
/// Writes and reads the context database: an SQLite file beside the data file
/// (<c>.flowcover.contexts</c> for <c>.flowcover</c>) holding which probes each test (and each
/// route on a server) ran, as compact bitsets, with the models they are numbered by. The schema
/// is in docs/contexts.md. A database is written whole to a temporary file and renamed, so a
/// crash never leaves half of one where a good one was.
/// </summary>
public static class ContextDatabase
{
    public const string Extension = ".contexts";

    /// <summary>The context database that belongs to the data file <paramref name="dataFile"/>.</summary>
    public static string PathFor(string dataFile) => dataFile + Extension;

    /// <summary>
    /// Saves the contexts of a run to the database <paramref name="path"/> (the data file's is
    /// <see cref="PathFor"/>). <paramref name="data"/> is the coverage the run saved (its models
    /// number the probes); <paramref name="sets"/> may name a (test, route, module) more than once
    /// (one per process), and those are added up. With <paramref name="append"/> the database's
    /// contexts are kept and the new ones added to them, as <c>--append</c> does to the data file.
    /// </summary>
    public static void Save(string path, CoverageData data, IReadOnlyList<ContextProbeSet> sets, bool append)
    {
        var current = Of(data.Mode, data.Modules.Select(m => m.Model), sets);
        Write(path, append && File.Exists(path) ? Merge([Read(path), current]) : current);
    }

    /// <summary>The contexts of <paramref name="sets"/> checked against their models and added up
    /// per (test, route, module).</summary>
    public static ContextData Of(CoverageMode mode, IEnumerable<ModuleModel> models, IEnumerable<ContextProbeSet> sets)
    {
        var byKey = new SortedDictionary<string, ModuleModel>(StringComparer.Ordinal);
        foreach (var model in models)
            byKey.TryAdd(model.Key, model);
        var merged = new SortedDictionary<(ContextName Context, string Module), byte[]>(SetOrder.Instance);
        foreach (var set in sets)
        {
            if (!byKey.TryGetValue(set.ModuleKey, out var model))
                throw new UserError($"contexts of '{set.Test}' name module {set.ModuleKey}, which the coverage data does not hold; erase the data and run again.");
            if (set.Probes.Length != ContextBits.BytesFor(model.ProbeCount))
                throw new UserError($"contexts of '{set.Test}' hold {set.Probes.Length} bytes for {model.AssemblyName}, whose {model.ProbeCount} probes need {ContextBits.BytesFor(model.ProbeCount)}; erase the data and run again.");
            var key = (new ContextName(set.Test, set.Route), set.ModuleKey);
            if (merged.TryGetValue(key, out var bits))
                ContextBits.Or(bits, set.Probes);
            else
                merged[key] = (byte[])set.Probes.Clone();
        }
        return new ContextData(mode, byKey.Values.ToList(),
            merged.Select(kv => new ContextProbeSet(kv.Key.Context.Test, kv.Key.Context.Route, kv.Key.Module, kv.Value)).ToList());
    }

    /// <summary>Merges context databases of one mode (processes, runs, CI shards): a context's
    /// bits are added up per module; the result does not depend on the order.</summary>
    public static ContextData Merge(IEnumerable<ContextData> inputs)
    {
        var list = inputs.ToList();
        var modes = list.Where(d => d.Modules.Count > 0).Select(d => d.Mode).Distinct().ToList();
        if (modes.Count > 1)
            throw new UserError("set-mode and count-mode contexts cannot be combined (they number their probes differently); measure with one --mode, or erase the data and run again.");
        var models = list.SelectMany(d => d.Modules).ToList();
        foreach (var group in models.DistinctBy(m => m.Key).GroupBy(m => m.AssemblyName, StringComparer.OrdinalIgnoreCase))
            if (group.Count() > 1)
                throw new UserError($"the contexts of {group.Key} were recorded in {group.Count()} different builds; combine only contexts of one build of it, or erase and run again.");
        var merged = Of(modes.Count == 1 ? modes[0] : CoverageMode.Set, models, list.SelectMany(d => d.Sets));
        return merged with { Contexts = list.SelectMany(d => d.Contexts).Distinct().Order().ToList() };
    }

    /// <summary>Writes <paramref name="data"/> as a new database at <paramref name="path"/>.</summary>
    public static void Write(string path, ContextData data)
    {
        var full = Path.GetFullPath(path);
        var temp = full + ".tmp-" + Environment.ProcessId;
        try
        {
            File.Delete(temp);
            using (var connection = ContextConnection.Open(temp, SqliteOpenMode.ReadWriteCreate))
                Fill(connection, data);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Where nothing can be written, nothing was.
            }
            throw new UserError($"{path}: cannot write the context database ({ContextConnection.Reason(e)}); free some space or choose another --data-file.", e);
        }
    }

    /// <summary>The whole database at <paramref name="path"/>.</summary>
    public static ContextData Read(string path)
    {
        using var store = ContextStore.Open(path);
        return store.ReadAll();
    }

    private static void Fill(SqliteConnection connection, ContextData data)
    {
        // A new file, renamed into place only once complete: no journal needed to protect it.
        ContextConnection.Execute(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=8192;");
        using var transaction = connection.BeginTransaction();
        ContextConnection.Execute(connection, ContextSchema.Create);
        ContextConnection.Execute(connection,
            $"INSERT INTO meta VALUES ('schema', '{ContextSchema.Version}'), ('mode', '{data.Mode.Name()}');");
        var moduleIds = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var insert = Command(connection, "INSERT INTO module VALUES ($id, $key, $assembly, $probes, $model)", "$id", "$key", "$assembly", "$probes", "$model"))
        {
            foreach (var model in data.Modules.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                moduleIds[model.Key] = moduleIds.Count + 1;
                Run(insert, moduleIds.Count, model.Key, model.AssemblyName, model.ProbeCount,
                    Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(model, DataJsonContext.Default.ModuleModel)));
            }
        }
        var contextIds = new Dictionary<ContextName, long>();
        using (var insert = Command(connection, "INSERT INTO context VALUES ($id, $test, $route)", "$id", "$test", "$route"))
        {
            foreach (var context in data.Contexts.Concat(data.Sets.Select(s => new ContextName(s.Test, s.Route))).Distinct().Order())
            {
                contextIds[context] = contextIds.Count + 1;
                Run(insert, contextIds.Count, context.Test, (object?)context.Route ?? DBNull.Value);
            }
        }
        using (var insert = Command(connection, "INSERT INTO probes VALUES ($module, $context, $first, $bits)", "$module", "$context", "$first", "$bits"))
        {
            foreach (var set in data.Sets.OrderBy(s => moduleIds[s.ModuleKey]).ThenBy(s => contextIds[new ContextName(s.Test, s.Route)]))
            {
                var (first, bytes) = ContextBits.Trim(set.Probes);
                if (bytes.IsEmpty)
                    continue;
                Run(insert, moduleIds[set.ModuleKey], contextIds[new ContextName(set.Test, set.Route)], first, bytes.ToArray());
            }
        }
        transaction.Commit();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i];
        command.ExecuteNonQuery();
    }

    /// <summary>Orders sets by context, then module key.</summary>
    private sealed class SetOrder : IComparer<(ContextName Context, string Module)>
    {
        public static readonly SetOrder Instance = new();

        public int Compare((ContextName Context, string Module) x, (ContextName Context, string Module) y)
        {
            var byContext = x.Context.CompareTo(y.Context);
            return byContext != 0 ? byContext : string.CompareOrdinal(x.Module, y.Module);
        }
    }
}
