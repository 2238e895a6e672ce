using FlowCover.Data;
using FlowCover.Instrumentation;
using FlowCover.Instrumentation.Probes;
using Xunit;

namespace FlowCover.Tests.Cli;

/// <summary>
/// The cache of instrumented builds: a second run over the same build copies the instrumented
/// files and measures exactly what instrumenting afresh measures, pointed at its own session;
/// any change to what instrumenting depends on is a new entry; <c>--no-cache</c> leaves it alone.
/// </summary>
public sealed class CacheTests
{
    private readonly FlowCoverProcess _flowcover = new();
    private readonly TestApp _app = TestApp.Create("Workload", Workload.Source);

    private string CacheRoot => Path.Combine(_flowcover.Home, "cache");

    private string[] Entries() => Directory.Exists(CacheRoot) ? Directory.GetDirectories(CacheRoot) : [];

    /// <summary>Runs flowcover; the workload exits 0 for "ok" and 3 for "fail".</summary>
    private void Run(params string[] arguments)
    {
        var result = _flowcover.Run(_app.Directory, arguments);
        Assert.True(result.ExitCode == (arguments[^1] == "fail" ? 3 : 0), result.Error);
    }

    private string[] RunArguments(params string[] command) => ["run", "--target", _app.BinDirectory, "--", .. command];

    private string DataFile => Path.Combine(_app.Directory, CoverageDataFile.DefaultName);

    private CoverageData Data() => CoverageDataFile.Read(DataFile);

    private long HitsOf(string statement) => Workload.HitsOf(_app, statement);

    [Fact]
    public void A_second_run_of_the_same_build_is_instrumented_from_the_cache_and_measures_the_same()
    {
        var before = _app.Snapshot();
        Run(RunArguments("dotnet", _app.Dll, "ok"));
        var fresh = Data();
        var freshBytes = File.ReadAllBytes(DataFile);
        var entry = Assert.Single(Entries());
        // A file of our own in the entry is gone if the run discarded the entry and stored it again.
        var mark = Path.Combine(entry, "kept");
        File.WriteAllText(mark, "");
        Directory.SetLastWriteTimeUtc(entry, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        Run(RunArguments("dotnet", _app.Dll, "ok"));

        Assert.True(File.Exists(mark) && Directory.GetLastWriteTimeUtc(entry).Year > 2000, "the second run did not use the cached entry");
        Assert.Equal(before, _app.Snapshot());
        var cached = Data();
        Assert.Equal(fresh.Modules.Select(m => m.Model.Key), cached.Modules.Select(m => m.Model.Key));
        Assert.Equal(fresh.Modules.Single().Hits, cached.Modules.Single().Hits);
        Assert.Equal(1, HitsOf("Work(1);"));
        // The cached model is copied into the data file unread: the same bytes as written afresh.
        Assert.Equal(freshBytes, File.ReadAllBytes(DataFile));
    }

    [Fact]
    public void A_cached_run_says_what_it_measures_as_the_first_run_did()
    {
        static string Measuring(FlowCoverProcess.Result result) =>
            Assert.Single(result.Error.Split('\n'), l => l.StartsWith("flowcover: measuring ", StringComparison.Ordinal));
        var fresh = _flowcover.Run(_app.Directory, RunArguments("dotnet", _app.Dll, "ok"));
        Assert.Single(Entries());

        var cached = _flowcover.Run(_app.Directory, RunArguments("dotnet", _app.Dll, "ok"));

        // A cached run takes the counts from its cache entry: they must be the first run's.
        Assert.Matches(@"^flowcover: measuring Workload: 1 file, [1-9][0-9]* statements$", Measuring(fresh));
        Assert.Equal(Measuring(fresh), Measuring(cached));
    }

    [Fact]
    public void A_cut_off_cached_model_is_not_used_and_is_stored_again()
    {
        Run(RunArguments("dotnet", _app.Dll, "ok"));
        var freshBytes = File.ReadAllBytes(DataFile);
        var model = Path.Combine(Assert.Single(Entries()), "model.json");
        var whole = File.ReadAllBytes(model);
        File.WriteAllBytes(model, whole[..^40]);

        Run(RunArguments("dotnet", _app.Dll, "ok"));

        Assert.Equal(freshBytes, File.ReadAllBytes(DataFile));
        Assert.Equal(1, HitsOf("Work(1);"));
        // Put back whole by that run, for the next to use.
        Assert.Equal(whole, File.ReadAllBytes(Path.Combine(Assert.Single(Entries()), "model.json")));
    }

    [Fact]
    public void A_cached_assembly_records_into_the_new_session_when_its_process_is_not_told_where()
    {
        Run(RunArguments("dotnet", _app.Dll, "ok"));
        // env -u: the process finds no FLOWCOVER_DATA_DIR, like a server started by hand, and
        // writes where the (cached, then repointed) assembly says.
        Run(RunArguments("env", "-u", "FLOWCOVER_DATA_DIR", "dotnet", _app.Dll, "fail"));
        Assert.Single(Entries());
        Assert.Equal(1, HitsOf("Work(2);"));
        Assert.Equal(0, HitsOf("Work(1);"));
    }

    [Fact]
    public void A_changed_source_file_or_mode_is_a_new_entry()
    {
        Run(RunArguments("dotnet", _app.Dll, "ok"));
        File.AppendAllText(_app.SourcePath, "// edited after the build\n");
        Run(RunArguments("dotnet", _app.Dll, "ok"));
        Assert.Equal(2, Entries().Length);
        Run(["run", "--mode", "count", "--target", _app.BinDirectory, "--", "dotnet", _app.Dll, "fail"]);
        Assert.Equal(3, Entries().Length);
        Assert.Equal(CoverageMode.Count, Data().Mode);
        Assert.Equal(2, HitsOf("s_total += i;"));
    }

    [Fact]
    public void A_new_assembly_beside_it_that_it_does_not_reference_keeps_the_entry()
    {
        Run(RunArguments("dotnet", _app.Dll, "ok"));
        var entry = Assert.Single(Entries());
        Directory.SetLastWriteTimeUtc(entry, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        // As a rebuilt test project beside the library would be.
        File.Copy(_app.Dll, Path.Combine(_app.BinDirectory, "Unrelated.dll"));

        Run(RunArguments("dotnet", _app.Dll, "ok"));

        Assert.Equal(entry, Assert.Single(Entries()));
        Assert.True(Directory.GetLastWriteTimeUtc(entry).Year > 2000, "the entry was not used");
    }

    [Fact]
    public void No_cache_neither_reads_nor_fills_it()
    {
        Run(["run", "--no-cache", "--target", _app.BinDirectory, "--", "dotnet", _app.Dll, "ok"]);
        Assert.Empty(Entries());
        Assert.Equal(1, HitsOf("Work(1);"));
    }

    [Fact]
    public void A_baked_folder_is_repointed_only_where_it_stands_once()
    {
        var from = "/home/u/.flowcover/sessions/a/data";
        var to = "/home/u/.flowcover/sessions/b-longer/data";
        var literal = System.Text.Encoding.Unicode.GetBytes(BakedDirectory.Pad(from));
        byte[] image = [1, 2, 3, .. literal, 4];
        Assert.True(BakedDirectory.Repoint(image, from, to));
        Assert.Equal([1, 2, 3, .. System.Text.Encoding.Unicode.GetBytes(BakedDirectory.Pad(to)), 4], image);

        byte[] twice = [.. literal, .. literal];
        Assert.False(BakedDirectory.Repoint(twice, from, to));
        Assert.Equal([.. literal, .. literal], twice);
        Assert.False(BakedDirectory.Repoint([1, 2, 3], from, to));
        Assert.False(BakedDirectory.CanRepoint(new string('x', BakedDirectory.Width + 1)));
    }
}
