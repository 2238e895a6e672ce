using Microsoft.Data.Sqlite;

namespace FlowCover.Data.Contexts;

/// <summary>Opening a context database's SQLite connection, the same way for writing and reading.</summary>
internal static class ContextConnection
{
    /// <summary>
    /// Points SQLitePCL at the bundled native SQLite (libe_sqlite3 beside the program) by a
    /// direct call: Microsoft.Data.Sqlite finds the bundle by reflection otherwise, which the
    /// natively compiled CLI has trimmed away. Calling it again does nothing.
    /// </summary>
    private static readonly Lazy<bool> NativeLibrary = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    public static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        _ = NativeLibrary.Value;
        // No pooling: the file is renamed or deleted right after it is closed.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>What went wrong, in words: SQLite's own message, without the provider's prefix.</summary>
    public static string Reason(Exception e) =>
        (e is SqliteException sqlite ? $"SQLite: {sqlite.Message.Replace("SQLite Error ", "error ", StringComparison.Ordinal)}" : e.Message).ReplaceLineEndings(" ");
}
