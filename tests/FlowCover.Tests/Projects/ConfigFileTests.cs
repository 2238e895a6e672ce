using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Projects;

/// <summary>
/// flowcover.json: found in the current folder or the nearest parent, its paths relative to
/// its own folder; a mistake in it is one line naming the file, the key and the fix, exit 2.
/// And the schema editors complete from names exactly the keys the CLI reads.
/// </summary>
public sealed class ConfigFileTests
{
    private readonly FlowCoverProcess _flowcover = new();

    [Theory]
    [InlineData("""{ "colour": "blue" }""", "colour: is not a setting; use one of include, exclude, source, omit, excludeByAttribute, mode, failUnder, precision, showMissing, skipCovered, skipEmpty, sort, columns, methods, dataFile, reports.")]
    [InlineData("""{ "showMissing": "yes" }""", "showMissing: must be true or false.")]
    [InlineData("""{ "include": 3 }""", "include: must be a list of globs, e.g. [\"MyApp*.dll\"].")]
    [InlineData("""{ "failUnder": 120 }""", "failUnder: must be a percentage from 0 to 100, e.g. 80.")]
    [InlineData("""{ "mode": "every" }""", "mode: must be \"set\" or \"count\".")]
    [InlineData("""{ "columns": ["Stmts", "Lines"] }""", "columns: Lines: no such column; use some of Name, Stmts, Miss, Line%, Branch, BrPart, Branch%, Cover, Missing.")]
    [InlineData("""{ "columns": 3 }""", "columns: must be a list of columns, e.g. [\"Stmts\", \"Miss\", \"Line%\", \"Branch%\", \"Cover\"].")]
    [InlineData("""{ "reports": { "pdf": "coverage.pdf" } }""", "reports.pdf: is not a report format; use html, xml, lcov, json, markdown.")]
    [InlineData("""[ "include" ]""", "(top level): must be an object of settings, e.g. { \"include\": [\"MyApp.dll\"] }.")]
    public void A_bad_setting_is_one_line_naming_file_key_and_fix(string json, string message)
    {
        var folder = Scratch.Folder("bad-config");
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "flowcover.json");
        File.WriteAllText(config, json);
        foreach (var verb in new[] { new[] { "report" }, ["xml"], ["test"], ["run", "--target", folder, "--", "true"] })
        {
            var result = _flowcover.Run(folder, verb);
            Assert.Equal(2, result.ExitCode);
            Assert.Equal($"flowcover: {config}: {message}\n", result.Error);
        }
        Assert.Equal(json, File.ReadAllText(config));
    }

    [Fact]
    public void Invalid_json_names_the_line()
    {
        var folder = Scratch.Folder("bad-json");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "flowcover.json"), "{\n  \"showMissing\": true\n  \"precision\": 1\n}\n");
        var result = _flowcover.Run(folder, "report");
        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"^flowcover: \S+/flowcover\.json: not valid JSON \(line 3: [^\n]+\); fix the syntax\.\n$", result.Error);
    }

    [Fact]
    public void Found_in_a_parent_folder_with_paths_relative_to_it()
    {
        var root = Scratch.Folder("config-parent");
        var child = Path.Combine(root, "a", "b");
        Directory.CreateDirectory(child);
        File.WriteAllText(Path.Combine(root, "flowcover.json"), """{ "dataFile": "out/data.flowcover" }""");
        var result = _flowcover.Run(child, "report");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"flowcover: {Path.Combine(root, "out", "data.flowcover")}: no coverage data file; run 'flowcover run' or 'flowcover test' first.\n", result.Error);
        var overridden = _flowcover.Run(child, "report", "--data-file", "mine.flowcover");
        Assert.Equal("flowcover: mine.flowcover: no coverage data file; run 'flowcover run' or 'flowcover test' first.\n", overridden.Error);
    }

    [Fact]
    public void Run_writes_the_reports_it_asks_for_and_report_verbs_read_its_settings()
    {
        var app = TestApp.Create("Configured", Workload.Source);
        File.WriteAllText(Path.Combine(app.Directory, "flowcover.json"), """
            {
              "dataFile": "coverage/data.flowcover",
              "precision": 2,
              "columns": ["Stmts", "Miss", "Line%", "Branch%", "Cover"],
              "reports": { "lcov": "coverage/app.lcov", "json": "coverage/app.json", "html": "coverage/html", "markdown": "coverage/app.md" }
            }
            """);
        Directory.CreateDirectory(Path.Combine(app.Directory, "coverage"));
        var run = _flowcover.Run(app.Directory, "run", "--target", app.BinDirectory, "--", "dotnet", app.Dll, "ok");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(Path.Combine(app.Directory, "coverage", "data.flowcover")));
        Assert.Contains("SF:Configured.cs\n", File.ReadAllText(Path.Combine(app.Directory, "coverage", "app.lcov")));
        Assert.Contains("\"Configured.cs\"", File.ReadAllText(Path.Combine(app.Directory, "coverage", "app.json")));
        Assert.True(File.Exists(Path.Combine(app.Directory, "coverage", "html", "index.html")));
        Assert.False(File.Exists(Path.Combine(app.Directory, ".flowcover")));

        Assert.Matches(@"^\| Name +\| +Stmts \| +Miss \| +Line% \| +Branch% \| +Cover \|\n", File.ReadAllText(Path.Combine(app.Directory, "coverage", "app.md")));

        var report = _flowcover.Run(app.Directory, "report");
        Assert.Matches(@"\nTOTAL +\d+ +\d+ +\d+\.\d\d% +\d+\.\d\d% +\d+\.\d\d%\n", report.Output);
        Assert.Equal(_flowcover.Run(app.Directory, "report", "--columns", "stmts,miss,line%,branch%,cover").Output, report.Output);
        var overridden = _flowcover.Run(app.Directory, "report", "--precision", "0", "--columns", "Stmts,Miss,Branch,BrPart,Cover");
        Assert.Matches(@"\nTOTAL +\d+ +\d+ +\d+ +\d+ +\d+%\n", overridden.Output);
    }

    [Fact]
    public void A_report_folder_is_made_and_a_report_path_that_cannot_be_written_is_refused_before_the_run()
    {
        var app = TestApp.Create("ReportFolders", Workload.Source);
        var config = Path.Combine(app.Directory, "flowcover.json");
        File.WriteAllText(config, """{ "reports": { "xml": "out/deep/app.xml" } }""");
        var run = _flowcover.Run(app.Directory, "run", "--target", app.BinDirectory, "--", "dotnet", app.Dll, "ok");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("<?xml", File.ReadAllText(Path.Combine(app.Directory, "out", "deep", "app.xml")));

        // Under a file, no folder can be made: refused in one line before the command runs.
        File.WriteAllText(config, """{ "reports": { "lcov": "flowcover.json/app.lcov" } }""");
        var marker = Path.Combine(app.Directory, "ran");
        var refused = _flowcover.Run(app.Directory, "run", "--target", app.BinDirectory, "--", "touch", marker);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"flowcover: flowcover.json reports.lcov {Path.Combine(app.Directory, "flowcover.json", "app.lcov")}: {config} is not a folder; choose another path.\n", refused.Error);
        Assert.False(File.Exists(marker));
        Assert.Equal("""{ "reports": { "lcov": "flowcover.json/app.lcov" } }""", File.ReadAllText(config));
    }

    [Fact]
    public void Schema_names_every_key_the_cli_reads_and_no_other()
    {
        var schemaPath = Path.Combine(PackagingTests.RepositoryRoot(), "docs", "json-schema", "flowcover-config.schema.json");
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(schemaPath));
        var keys = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).Where(k => k != "$schema").ToList();
        var reports = schema.RootElement.GetProperty("properties").GetProperty("reports").GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        // The CLI's own list, from the message it gives for an unknown key.
        var folder = Scratch.Folder("schema-keys");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "flowcover.json"), """{ "unknown": 1 }""");
        var unknown = _flowcover.Run(folder, "report").Error;
        var listed = unknown[(unknown.IndexOf("use one of ", StringComparison.Ordinal) + "use one of ".Length)..].TrimEnd('\n', '.').Split(", ");
        Assert.Equal(listed.Order(), keys.Order());
        File.WriteAllText(Path.Combine(folder, "flowcover.json"), """{ "reports": { "unknown": "x" } }""");
        var formats = _flowcover.Run(folder, "report").Error;
        Assert.Equal(formats[(formats.IndexOf("; use ", StringComparison.Ordinal) + "; use ".Length)..].TrimEnd('\n', '.').Split(", ").Order(), reports.Order());
    }
}
