namespace FlowCover.Data.Contexts;

/// <summary>
/// The context database's tables, version 1, as docs/contexts.md specifies them. One place for
/// the SQL, so the writer and the readers cannot disagree.
/// </summary>
internal static class ContextSchema
{
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE meta(name TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE module(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, assembly TEXT NOT NULL,
                            probe_count INTEGER NOT NULL, model TEXT NOT NULL);
        CREATE TABLE context(id INTEGER PRIMARY KEY, test TEXT NOT NULL, route TEXT, UNIQUE(test, route));
        CREATE TABLE probes(module INTEGER NOT NULL REFERENCES module(id), context INTEGER NOT NULL REFERENCES context(id),
                            first_byte INTEGER NOT NULL, bits BLOB NOT NULL, PRIMARY KEY(module, context));
        """;
}
