using System.Text.Json.Nodes;
using FlowCover.Reporting.Tests.Browser;
using FlowCover.Reporting.Tests.Fixtures;
using Xunit;

namespace FlowCover.Reporting.Tests;

/// <summary>
/// The HTML report in a real headless Chromium: pages load without a script error or a failed
/// load from file://, the index sorts and filters, the file page steps through missed lines
/// with the keyboard, and screenshots of both land in the test output folder
/// (screenshots/index.png, screenshots/file.png) for a person to look at.
/// </summary>
public sealed class HtmlBrowserTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _site;

    public HtmlBrowserTests()
    {
        Shop.WriteSources(_temp);
        _site = Path.Combine(_temp.Path, "htmlcov");
        HtmlReport.Write(CoverageAnalysis.Analyze(Shop.Data(_temp.Path), _temp.Path), _site,
            new HtmlReportOptions { Timestamp = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000) });
    }

    public void Dispose() => _temp.Dispose();

    private static string Screenshot(string name) => Path.Combine(AppContext.BaseDirectory, "screenshots", name);

    [Fact]
    public async Task Index_loads_sorts_and_filters()
    {
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.OpenAsync(Path.Combine(_site, "index.html"));
        await browser.ScreenshotAsync(Screenshot("index.png"));

        Assert.Equal(["Contracts/IClock.cs", "Data/Repo.cs", "Services/OrderService.cs", "Util.cs"], await Names(browser));
        await browser.ClickAsync("th.cover");
        Assert.Equal(["Services/OrderService.cs", "Data/Repo.cs", "Contracts/IClock.cs", "Util.cs"], await Names(browser));
        await browser.ClickAsync("th.cover");
        Assert.Equal(["Util.cs", "Contracts/IClock.cs", "Data/Repo.cs", "Services/OrderService.cs"], await Names(browser));
        Assert.Equal("descending", (string?)await browser.EvaluateAsync("document.querySelector('th.cover').getAttribute('aria-sort')"));

        await browser.PressAsync("/");
        await browser.TypeAsync("repo");
        Assert.Equal(["Data/Repo.cs"], await Names(browser, visibleOnly: true));
        Assert.Equal("1 of 4 files", (string?)await browser.EvaluateAsync("document.getElementById('filter-status').textContent"));
        Assert.Equal("TOTAL", (string?)await browser.EvaluateAsync("document.querySelector('tfoot td').textContent"));

        Assert.Empty(browser.Problems);
    }

    [Fact]
    public async Task File_page_loads_and_steps_through_missed_lines_with_the_keyboard()
    {
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.OpenAsync(Path.Combine(_site, "Services_OrderService_cs.html"));
        await browser.ScreenshotAsync(Screenshot("file.png"));

        // The "<script>" literal in the source is text, not an element: report.js is the only script.
        Assert.Equal(1, (int)(await browser.EvaluateAsync("document.scripts.length"))!);
        Assert.Contains("\"<script>alert('x')</script>\"", (string?)await browser.EvaluateAsync("document.getElementById('L8').textContent"));

        // Stops: partial lines and the first line of each run of missed lines.
        var visited = new List<string>();
        foreach (var key in new[] { "j", "j", "j", "n", "k", "p" })
        {
            await browser.PressAsync(key);
            visited.Add((string)(await browser.EvaluateAsync("document.querySelector('.src p.current').id"))!);
        }
        Assert.Equal(["L13", "L15", "L16", "L22", "L16", "L15"], visited);
        Assert.Equal("#L15", (string?)await browser.EvaluateAsync("location.hash"));
        await browser.ScreenshotAsync(Screenshot("file-navigated.png"));

        await browser.ClickAsync("details.methods th:nth-child(7)");
        Assert.Equal("OrderService.Unused", (string?)await browser.EvaluateAsync("document.querySelector('details.methods tbody tr td').textContent"));

        Assert.Empty(browser.Problems);
    }

    private static async Task<List<string>> Names(HeadlessChromium browser, bool visibleOnly = false)
    {
        var names = await browser.EvaluateAsync(
            $"Array.from(document.querySelectorAll('#files tbody tr')).filter(r => {(visibleOnly ? "!r.hidden" : "true")}).map(r => r.cells[0].textContent)");
        return names!.AsArray().Select(n => (string)n!).ToList();
    }
}
