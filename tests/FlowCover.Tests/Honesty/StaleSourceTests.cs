using System.Text.Json.Nodes;
using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Honesty;

/// <summary>
/// A source edited after the build: the measured line numbers may point at other code, so
/// every report says so in one line per file, the HTML page shows the file without line marks
/// under a stale banner, the table marks its row and the JSON report flags it. A source that is
/// gone is said too. The PDB's checksum of each document, kept in the model, is the evidence.
/// </summary>
public sealed class StaleSourceTests
{
    private readonly FlowCoverProcess _flowcover = new();
    private readonly TestApp _app = TestApp.Create("Workload", Workload.Source);

    private void Measure()
    {
        var run = _flowcover.Run(_app.Directory, "run", "--target", _app.BinDirectory, "--", "dotnet", _app.Dll, "ok");
        Assert.True(run.ExitCode == 0, run.Error);
    }

    private string Warning(string what) => $"flowcover: warning: {_app.Name}.cs: {what}";

    [Fact]
    public void An_unchanged_source_reports_without_a_warning()
    {
        Measure();

        var report = _flowcover.Run(_app.Directory, "report", "--show-missing");
        var html = _flowcover.Run(_app.Directory, "html", "-d", "site");

        Assert.Equal(0, report.ExitCode);
        Assert.Equal("", report.Error);
        Assert.DoesNotContain("edited since build", report.Output);
        Assert.Equal("", html.Error);
        var page = File.ReadAllText(Path.Combine(_app.Directory, "site", "Workload_cs.html"));
        Assert.DoesNotContain("Stale:", page);
        Assert.Contains("<p id=\"L" + Workload.LineOf("Work(1);") + "\" class=\"run\"", page);
    }

    [Fact]
    public void A_source_edited_after_the_build_is_warned_of_and_its_page_is_stale_not_coloured()
    {
        Measure();
        File.WriteAllText(_app.SourcePath, "// A line added after the build moves every line down.\n" + File.ReadAllText(_app.SourcePath));

        var report = _flowcover.Run(_app.Directory, "report", "--show-missing");
        var html = _flowcover.Run(_app.Directory, "html", "-d", "site");
        var json = _flowcover.Run(_app.Directory, "json", "-o", "coverage.json");
        var xml = _flowcover.Run(_app.Directory, "xml", "-o", "coverage.xml");

        var expected = Warning("edited after the build that was measured (its checksum is not the PDB's), so its line numbers may point at other code; build and measure again.") + "\n";
        Assert.Equal(0, report.ExitCode);
        Assert.Equal(expected, report.Error);
        Assert.Matches(@"\nWorkload\.cs \(edited since build\) +\d+", report.Output);
        Assert.Equal(0, html.ExitCode);
        Assert.Equal(expected, html.Error);
        var page = File.ReadAllText(Path.Combine(_app.Directory, "site", "Workload_cs.html"));
        Assert.Contains("<p class=\"warning stale\" role=\"alert\"><strong>Stale:</strong> this file was edited after the build", page);
        Assert.DoesNotMatch("<p id=\"L\\d+\" class=", page);
        Assert.Contains("<span class=\"stale\"", File.ReadAllText(Path.Combine(_app.Directory, "site", "index.html")));
        Assert.Equal(expected, json.Error);
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(_app.Directory, "coverage.json")))!["files"]!["Workload.cs"]!;
        Assert.True(file["stale"]!.GetValue<bool>());
        Assert.NotEmpty(file["executed_lines"]!.AsArray()); // The data is kept as measured.
        Assert.Equal(expected, xml.Error);
        Assert.Contains("<line number=", File.ReadAllText(Path.Combine(_app.Directory, "coverage.xml")));
    }

    [Fact]
    public void A_source_that_is_gone_is_said()
    {
        Measure();
        File.Delete(_app.SourcePath);

        var report = _flowcover.Run(_app.Directory, "report");

        Assert.Equal(0, report.ExitCode);
        Assert.Equal(Warning("source file not found, so its lines cannot be checked or shown; make the report where the measured sources are.") + "\n", report.Error);
    }
}
