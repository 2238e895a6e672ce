using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FlowCover.Data;
using FlowCover.Reporting.Tests.Browser;
using FlowCover.Reporting.Tests.Fixtures;
using Xunit;

namespace FlowCover.Reporting.Tests;

/// <summary>
/// Sources compared with the checksums their PDB recorded: a file edited since the build is
/// warned of, its table row marked, its HTML page shown under a stale banner without line
/// marks (they could be on the wrong lines), and flagged in JSON; its figures are kept. The
/// Shop's files: OrderService.cs unchanged (SHA256), IClock.cs unchanged (MD5), Util.cs edited
/// after the build (SHA256), Data/Repo.cs gone (SHA1).
/// </summary>
public sealed class StaleSourceReportTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CoverageResult _result;

    public StaleSourceReportTests()
    {
        Shop.WriteSources(_temp);
        var checksums = new Dictionary<string, SourceChecksum>
        {
            ["Services/OrderService.cs"] = Checksum("SHA256", SHA256.HashData, "Services/OrderService.cs"),
            ["Util.cs"] = Checksum("SHA256", SHA256.HashData, "Util.cs"),
            ["Contracts/IClock.cs"] = Checksum("MD5", MD5.HashData, "Contracts/IClock.cs"),
            ["Data/Repo.cs"] = Checksum("SHA1", SHA1.HashData, "Data/Repo.cs"),
        };
        File.WriteAllText(_temp.File("Util.cs"), "// Edited after the build.\n" + Shop.Util);
        File.Delete(_temp.File("Data/Repo.cs"));
        var data = Shop.Data(_temp.Path);
        var modules = data.Modules.Select(m => m with
        {
            Model = m.Model with
            {
                Checksums = m.Model.Documents.Select(d => (SourceChecksum?)checksums[Path.GetRelativePath(_temp.Path, d)]).ToList(),
            },
        }).ToList();
        _result = CoverageAnalysis.Analyze(data with { Modules = modules }, _temp.Path);
    }

    public void Dispose() => _temp.Dispose();

    private SourceChecksum Checksum(string algorithm, Func<byte[], byte[]> hash, string relative) =>
        new(algorithm, Convert.ToHexStringLower(hash(File.ReadAllBytes(_temp.File(relative)))));

    private FileResult File_(string name) => _result.Files.Single(f => f.Name == name);

    [Fact]
    public void Each_file_is_checked_with_its_own_algorithm()
    {
        Assert.Equal(
            [("Contracts/IClock.cs", SourceState.Current), ("Data/Repo.cs", SourceState.Missing),
             ("Services/OrderService.cs", SourceState.Current), ("Util.cs", SourceState.Changed)],
            _result.Files.Select(f => (f.Name, f.Source)));
        Assert.Equal(SourceState.Unchecked, Shop.Result(_temp.Path).Files.Single(f => f.Name == "Util.cs").Source);
    }

    [Fact]
    public void Other_line_ends_are_not_an_edit()
    {
        var path = _temp.File("Services/OrderService.cs");
        var recorded = Checksum("SHA256", SHA256.HashData, "Services/OrderService.cs");

        File.WriteAllText(path, Shop.OrderService.ReplaceLineEndings("\r\n"));
        var crlf = SourceCheck.Of(path, recorded);
        File.WriteAllText(path, Shop.OrderService.ReplaceLineEndings("\r\n").Replace("Price", "Cost", StringComparison.Ordinal));
        var edited = SourceCheck.Of(path, recorded);

        Assert.Equal((SourceState.Current, SourceState.Changed), (crlf, edited));
    }

    [Fact]
    public void One_warning_per_changed_or_missing_file()
    {
        Assert.Equal(
            [
                "flowcover: warning: Data/Repo.cs: source file not found, so its lines cannot be checked or shown; make the report where the measured sources are.",
                "flowcover: warning: Util.cs: edited after the build that was measured (its checksum is not the PDB's), so its line numbers may point at other code; build and measure again.",
            ],
            SourceCheck.Warnings(_result));
    }

    [Fact]
    public void The_table_marks_the_stale_row_and_keeps_its_figures()
    {
        Assert.Equal(
            """
            Name                           Stmts   Miss Branch BrPart  Cover
            ----------------------------------------------------------------
            Contracts/IClock.cs                0      0      0      0   100%
            Data/Repo.cs                       5      1      4      1    78%
            Services/OrderService.cs          15      5      9      4    62%
            Util.cs (edited since build)       1      0      0      0   100%
            ----------------------------------------------------------------
            TOTAL                             21      6     13      5    68%

            """, Render.With(w => TextReport.Write(_result, w, new TextReportOptions())));
        Assert.Contains("| Util.cs (edited since build) |", Render.With(w => MarkdownReport.Write(_result, w, new TextReportOptions())));
    }

    [Fact]
    public void The_stale_page_has_a_banner_and_no_line_marks_and_the_others_keep_theirs()
    {
        var site = Path.Combine(_temp.Path, "htmlcov");
        HtmlReport.Write(_result, site, new HtmlReportOptions { Timestamp = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000) });

        var stale = File.ReadAllText(Path.Combine(site, "Util_cs.html"));
        Assert.Contains("<p class=\"warning stale\" role=\"alert\"><strong>Stale:</strong> this file was edited after the build that was measured", stale);
        Assert.DoesNotContain("class=\"run\"", stale.Split("<div class=\"src\">")[1]);
        Assert.Contains("<p id=\"L5\"><a href=\"#L5\">5</a>", stale);
        var current = File.ReadAllText(Path.Combine(site, "Services_OrderService_cs.html"));
        Assert.DoesNotContain("Stale:", current);
        Assert.Contains("<p id=\"L12\" class=\"run\">", current);
        var index = File.ReadAllText(Path.Combine(site, "index.html"));
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(index, "<span class=\"stale\""));
        Assert.Contains("<td class=\"name\" data-sort=\"Util.cs\"><a href=\"Util_cs.html\">Util.cs</a> <span class=\"stale\"", index);
    }

    [Fact]
    public async Task The_stale_banner_shows_in_a_browser()
    {
        var site = Path.Combine(_temp.Path, "htmlcov");
        HtmlReport.Write(_result, site, new HtmlReportOptions { Timestamp = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000) });
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.OpenAsync(Path.Combine(site, "Util_cs.html"));
        await browser.ScreenshotAsync(Path.Combine(AppContext.BaseDirectory, "screenshots", "stale.png"));

        Assert.Equal(true, (bool?)await browser.EvaluateAsync("document.querySelector('.warning.stale').getBoundingClientRect().height > 0"));
        Assert.Equal(0, (int?)await browser.EvaluateAsync("document.querySelectorAll('.src p.run, .src p.mis, .src p.par').length"));
        Assert.Empty(browser.Problems);
    }

    [Fact]
    public void Json_flags_the_stale_file_and_keeps_its_data()
    {
        var files = JsonNode.Parse(JsonReport.Render(_result, new JsonReportOptions()))!["files"]!;
        Assert.True(files["Util.cs"]!["stale"]!.GetValue<bool>());
        Assert.False(files["Services/OrderService.cs"]!["stale"]!.GetValue<bool>());
        Assert.False(files["Data/Repo.cs"]!["stale"]!.GetValue<bool>());
        Assert.Equal([5], files["Util.cs"]!["executed_lines"]!.AsArray().Select(n => n!.GetValue<int>()));
    }
}
