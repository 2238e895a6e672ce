using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace FlowCover.Data.Contexts;

/// <summary>
/// A context database opened for reading: its mode, models and contexts, and the query that
/// <c>flowcover who</c> asks (which contexts ran any of these probes of this module), answered
/// from one module's rows without reading the others.
/// </summary>
public sealed class ContextStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly string _path;
    private Dictionary<string, (long Id, ModuleModel Model)>? _modules;

    private ContextStore(SqliteConnection connection, string path, CoverageMode mode)
    {
        _connection = connection;
        _path = path;
        Mode = mode;
    }

    public CoverageMode Mode { get; }

    /// <summary>Opens the database at <paramref name="path"/>, checking that it is one of this
    /// schema version.</summary>
    public static ContextStore Open(string path)
    {
        if (!File.Exists(path))
            throw new UserError($"{path}: no context database; measure with 'flowcover run --contexts test' or 'flowcover test --contexts test' first.");
        SqliteConnection? connection = null;
        try
        {
            connection = ContextConnection.Open(path, SqliteOpenMode.ReadOnly);
            var meta = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT name, value FROM meta";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                    meta[reader.GetString(0)] = reader.GetString(1);
            }
            if (meta.GetValueOrDefault("schema") != ContextSchema.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
                throw new UserError($"{path}: context database schema {meta.GetValueOrDefault("schema") ?? "(none)"} is not supported (expected {ContextSchema.Version}); measure again with this flowcover.");
            var mode = meta.GetValueOrDefault("mode") switch
            {
                "set" => CoverageMode.Set,
                "count" => CoverageMode.Count,
                var other => throw new UserError($"{path}: corrupt context database (mode '{other}'); delete it and measure again."),
            };
            var store = new ContextStore(connection, path, mode);
            connection = null;
            return store;
        }
        catch (SqliteException e)
        {
            throw new UserError($"{path}: not a readable context database ({ContextConnection.Reason(e)}); delete it and measure again.", e);
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>Every module's model, by key order.</summary>
    public IReadOnlyList<ModuleModel> Modules => ModulesByKey.Values.Select(m => m.Model).ToList();

    private Dictionary<string, (long Id, ModuleModel Model)> ModulesByKey => _modules ??= Guarded(() =>
    {
        var modules = new Dictionary<string, (long, ModuleModel)>(StringComparer.Ordinal);
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id, key, model FROM module ORDER BY key";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var model = JsonSerializer.Deserialize(reader.GetString(2), DataJsonContext.Default.ModuleModel);
            if (model is null || model.Key != reader.GetString(1) || CoverageDataShape.Problem(model) is not null)
                throw new UserError($"{_path}: corrupt context database (the model of {reader.GetString(1)}); delete it and measure again.");
            modules[model.Key] = (reader.GetInt64(0), model);
        }
        return modules;
    });

    /// <summary>Every context, sorted.</summary>
    public IReadOnlyList<ContextName> Contexts() => Guarded(() =>
    {
        var contexts = new List<ContextName>();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT test, route FROM context";
        using var reader = command.ExecuteReader();
        while (reader.Read())
            contexts.Add(new ContextName(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        contexts.Sort();
        return contexts;
    });

    /// <summary>The contexts that ran any of <paramref name="probes"/> in module
    /// <paramref name="moduleKey"/>, sorted.</summary>
    public IReadOnlyList<ContextName> ContextsRunning(string moduleKey, ProbeList probes) => Guarded(() =>
    {
        var found = new List<ContextName>();
        if (!ModulesByKey.TryGetValue(moduleKey, out var module) || probes.Count == 0)
            return found;
        using var command = _connection.CreateCommand();
        // Only the bytes that hold the probes' bits are tested, read from each row's blob.
        command.CommandText = "SELECT c.test, c.route, p.first_byte, p.bits FROM probes p JOIN context c ON c.id = p.context WHERE p.module = $module";
        command.Parameters.AddWithValue("$module", module.Id);
        using var reader = command.ExecuteReader();
        var buffer = new byte[1];
        while (reader.Read())
        {
            var first = reader.GetInt32(2);
            var length = reader.GetBytes(3, 0, null, 0, 0);
            foreach (var probe in probes)
            {
                var index = probe / 8 - first;
                if (index < 0 || index >= length)
                    continue;
                reader.GetBytes(3, index, buffer, 0, 1);
                if ((buffer[0] & (1 << (probe % 8))) != 0)
                {
                    found.Add(new ContextName(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
                    break;
                }
            }
        }
        found.Sort();
        return found;
    });

    /// <summary>Per module key, the probes that any context <paramref name="matches"/> accepts
    /// ran (a whole bitset per module the database knows, zero where none did).</summary>
    public IReadOnlyDictionary<string, byte[]> Union(Func<ContextName, bool> matches) => Guarded(() =>
    {
        var byId = ModulesByKey.Values.ToDictionary(m => m.Id, m => (m.Model, Bits: new byte[ContextBits.BytesFor(m.Model.ProbeCount)]));
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT c.test, c.route, p.module, p.first_byte, p.bits FROM probes p JOIN context c ON c.id = p.context";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!matches(new ContextName(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1))))
                continue;
            if (!byId.TryGetValue(reader.GetInt64(2), out var module))
                throw new UserError($"{_path}: corrupt context database (bits of an unknown module); delete it and measure again.");
            var first = reader.GetInt32(3);
            var trimmed = (byte[])reader.GetValue(4);
            if (first < 0 || first + trimmed.Length > module.Bits.Length)
                throw new UserError($"{_path}: corrupt context database (bits past the end of {module.Model.AssemblyName}'s probes); delete it and measure again.");
            ContextBits.Or(module.Bits.AsSpan(first), trimmed);
        }
        return byId.Values.ToDictionary(m => m.Model.Key, m => m.Bits, StringComparer.Ordinal);
    });

    /// <summary>Everything the database holds.</summary>
    public ContextData ReadAll() => Guarded(() =>
    {
        var modules = ModulesByKey;
        var keysById = modules.ToDictionary(m => m.Value.Id, m => m.Value.Model);
        var sets = new List<ContextProbeSet>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT c.test, c.route, p.module, p.first_byte, p.bits FROM probes p JOIN context c ON c.id = p.context";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!keysById.TryGetValue(reader.GetInt64(2), out var model))
                    throw new UserError($"{_path}: corrupt context database (bits of an unknown module); delete it and measure again.");
                var length = ContextBits.BytesFor(model.ProbeCount);
                var trimmed = (byte[])reader.GetValue(4);
                var first = reader.GetInt32(3);
                if (first < 0 || first + trimmed.Length > length)
                    throw new UserError($"{_path}: corrupt context database (bits past the end of {model.AssemblyName}'s probes); delete it and measure again.");
                sets.Add(new ContextProbeSet(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), model.Key,
                    ContextBits.Expand(trimmed, first, length)));
            }
        }
        var ordered = ContextDatabase.Of(Mode, modules.Values.Select(m => m.Model), sets);
        return ordered with { Contexts = Contexts() };
    });

    public void Dispose() => _connection.Dispose();

    /// <summary>Runs a read, turning what SQLite says about a damaged file into one line for the user.</summary>
    private T Guarded<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is SqliteException or JsonException or InvalidCastException)
        {
            throw new UserError($"{_path}: corrupt context database ({ContextConnection.Reason(e)}); delete it and measure again.", e);
        }
    }
}
