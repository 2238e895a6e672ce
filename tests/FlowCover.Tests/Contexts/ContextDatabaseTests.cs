using FlowCover.Data;
using FlowCover.Data.Contexts;
using Xunit;
using static FlowCover.Tests.Contexts.ContextSamples;

namespace FlowCover.Tests.Contexts;

/// <summary>
/// The context database on sets built by hand: what is saved reads back bit for bit, a context
/// reported by several processes is added up, <c>append</c> keeps what was there, merging
/// refuses what cannot line up, and damage is one line for the user.
/// </summary>
public sealed class ContextDatabaseTests
{
    private readonly string _folder = Directory.CreateDirectory(Scratch.Folder("contexts")).FullName;
    private readonly ModuleModel _model = Model("/src/Service.cs");

    private string DatabasePath => Path.Combine(_folder, ".flowcover.contexts");

    [Fact]
    public void Saved_sets_read_back_sorted_with_each_contexts_processes_added_up()
    {
        ContextDatabase.Save(DatabasePath, DataOf(CoverageMode.Set, _model),
        [
            Set("Tests.B.Second", "GET /fx/{base}", _model, 19),
            Set("Tests.A.First", null, _model, 0, 9),
            Set("Tests.A.First", null, _model, 17), // the same test in another process
            Set("Tests.C.Idle", null, _model),
        ], append: false);

        var read = ContextDatabase.Read(DatabasePath);

        Assert.Equal(CoverageMode.Set, read.Mode);
        Assert.Equal(_model.Key, Assert.Single(read.Modules).Key);
        Assert.Equal(
            [new ContextName("Tests.A.First", null), new ContextName("Tests.B.Second", "GET /fx/{base}"), new ContextName("Tests.C.Idle", null)],
            read.Contexts);
        Assert.Equal(2, read.Sets.Count); // the idle test is a context with no bits
        Assert.Equal(Bits(Probes, 0, 9, 17), read.Sets[0].Probes);
        Assert.Equal(("Tests.B.Second", "GET /fx/{base}"), (read.Sets[1].Test, read.Sets[1].Route));
        Assert.Equal(Bits(Probes, 19), read.Sets[1].Probes);
    }

    [Fact]
    public void Each_context_stores_only_the_bytes_from_its_first_to_its_last_probe()
    {
        ContextDatabase.Save(DatabasePath, DataOf(CoverageMode.Set, _model), [Set("T.A.B", null, _model, 9, 17)], append: false);

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT first_byte, bits FROM probes";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(1, reader.GetInt32(0));
        Assert.Equal(new byte[] { 0b0000_0010, 0b0000_0010 }, (byte[])reader.GetValue(1)); // probes 9 and 17; byte 0 left out
    }

    [Fact]
    public void Append_adds_new_contexts_and_bits_to_the_ones_there()
    {
        var data = DataOf(CoverageMode.Set, _model);
        ContextDatabase.Save(DatabasePath, data, [Set("T.A.One", null, _model, 1)], append: false);
        ContextDatabase.Save(DatabasePath, data, [Set("T.A.One", null, _model, 2), Set("T.A.Two", null, _model, 3)], append: true);

        var read = ContextDatabase.Read(DatabasePath);

        Assert.Equal([Bits(Probes, 1, 2), Bits(Probes, 3)], read.Sets.Select(s => s.Probes));
    }

    [Fact]
    public void Without_append_a_save_replaces_the_database()
    {
        var data = DataOf(CoverageMode.Set, _model);
        ContextDatabase.Save(DatabasePath, data, [Set("T.A.One", null, _model, 1)], append: false);
        ContextDatabase.Save(DatabasePath, data, [Set("T.A.Two", null, _model, 3)], append: false);

        Assert.Equal([new ContextName("T.A.Two", null)], ContextDatabase.Read(DatabasePath).Contexts);
        Assert.Equal([".flowcover.contexts"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void The_store_finds_the_contexts_that_ran_any_probe_of_a_line()
    {
        ContextDatabase.Save(DatabasePath, DataOf(CoverageMode.Set, _model),
            [Set("T.A.One", null, _model, 3), Set("T.A.Two", "POST /x", _model, 4, 16), Set("T.A.Three", null, _model, 5)], append: false);
        using var store = ContextStore.Open(DatabasePath);

        Assert.Equal([new ContextName("T.A.One", null), new ContextName("T.A.Two", "POST /x")], store.ContextsRunning(_model.Key, ProbeList.Create([3, 16])));
        Assert.Empty(store.ContextsRunning(_model.Key, ProbeList.Of(0)));
        Assert.Empty(store.ContextsRunning("Other.0000000000000000", ProbeList.Of(3)));
    }

    [Fact]
    public void Union_adds_up_the_picked_contexts_per_module()
    {
        ContextDatabase.Save(DatabasePath, DataOf(CoverageMode.Set, _model),
            [Set("T.A.One", null, _model, 3), Set("T.A.Two", null, _model, 4), Set("T.B.Three", null, _model, 5)], append: false);
        using var store = ContextStore.Open(DatabasePath);

        var union = store.Union(c => c.Test.StartsWith("T.A.", StringComparison.Ordinal));

        Assert.Equal(Bits(Probes, 3, 4), union[_model.Key]);
    }

    [Fact]
    public void Merging_gives_the_same_contexts_in_any_order()
    {
        var first = ContextDatabase.Of(CoverageMode.Set, [_model], [Set("T.A.One", null, _model, 1), Set("T.A.Two", null, _model, 2)]);
        var second = ContextDatabase.Of(CoverageMode.Set, [_model], [Set("T.A.One", null, _model, 7)]);

        var ab = ContextDatabase.Merge([first, second]);
        var ba = ContextDatabase.Merge([second, first]);

        Assert.Equal(ab.Contexts, ba.Contexts);
        Assert.Equal(ab.Sets.Select(s => (s.Test, s.Probes[0])), ba.Sets.Select(s => (s.Test, s.Probes[0])));
        Assert.Equal(Bits(Probes, 1, 7), ab.Sets[0].Probes);
    }

    [Fact]
    public void Merging_refuses_two_builds_of_one_assembly_and_two_modes()
    {
        var other = Model("/src/Service.cs", hash: "fedcba9876543210");
        var builds = Assert.Throws<UserError>(() => ContextDatabase.Merge(
            [ContextDatabase.Of(CoverageMode.Set, [_model], []), ContextDatabase.Of(CoverageMode.Set, [other], [])]));
        Assert.Equal("the contexts of App were recorded in 2 different builds; combine only contexts of one build of it, or erase and run again.", builds.Message);

        var modes = Assert.Throws<UserError>(() => ContextDatabase.Merge(
            [ContextDatabase.Of(CoverageMode.Set, [_model], []), ContextDatabase.Of(CoverageMode.Count, [_model], [])]));
        Assert.Contains("set-mode and count-mode contexts cannot be combined", modes.Message);
    }

    [Fact]
    public void A_set_for_a_module_the_data_lacks_or_of_the_wrong_size_is_refused()
    {
        var unknown = Assert.Throws<UserError>(() => ContextDatabase.Save(DatabasePath, DataOf(CoverageMode.Set, _model),
            [new ContextProbeSet("T.A.One", null, "Gone.0000000000000000", [1])], append: false));
        Assert.Contains("name module Gone.0000000000000000, which the coverage data does not hold", unknown.Message);

        var size = Assert.Throws<UserError>(() => ContextDatabase.Save(DatabasePath, DataOf(CoverageMode.Set, _model),
            [new ContextProbeSet("T.A.One", null, _model.Key, [1])], append: false));
        Assert.Contains("hold 1 bytes for App, whose 20 probes need 3", size.Message);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public void A_damaged_database_is_one_line_naming_it()
    {
        File.WriteAllText(DatabasePath, "not a database at all, just some text that is long enough to be read as a header page");

        var error = Assert.Throws<UserError>(() => ContextDatabase.Read(DatabasePath));

        Assert.StartsWith($"{DatabasePath}: not a readable context database (SQLite: ", error.Message);
        Assert.EndsWith("; delete it and measure again.", error.Message);
        Assert.DoesNotContain("Exception", error.Message);
    }

    [Fact]
    public void A_database_of_another_schema_version_is_refused()
    {
        ContextDatabase.Save(DatabasePath, DataOf(CoverageMode.Set, _model), [], append: false);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE meta SET value = '99' WHERE name = 'schema'";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<UserError>(() => ContextDatabase.Read(DatabasePath));

        Assert.Equal($"{DatabasePath}: context database schema 99 is not supported (expected 1); measure again with this flowcover.", error.Message);
    }
}
