using System.Text.Json.Nodes;
using FlowCover.Data;
using FlowCover.Data.Contexts;
using FlowCover.Reporting.Contexts;
using FlowCover.Reporting.Tests.Browser;
using FlowCover.Reporting.Tests.Fixtures;
using Xunit;

namespace FlowCover.Reporting.Tests;

/// <summary>
/// The HTML report's contexts in a real headless Chromium: a line shows how many tests ran it,
/// clicking the count lists them (with their routes), and choosing a test or a route dims every
/// line it did not run. <c>Service.cs</c> has a statement on each of lines 3-8, probe line - 3;
/// screenshots/contexts.png shows the page filtered to one route.
/// </summary>
public sealed class HtmlContextsBrowserTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _page;

    public HtmlContextsBrowserTests()
    {
        var source = _temp.File("Service.cs", string.Concat(Enumerable.Range(1, 10).Select(i => $"// line {i}\n")));
        var model = new ModuleModel("Shop.0123456789abcdef", "Shop", "0123456789abcdef", 6, [source],
            [new MethodModel("Shop.Service", "Service.Run", 0, 3, [.. Enumerable.Range(0, 6).Select(p => new LineProbe(3 + p, ProbeList.Of(p)))], [])]);
        var data = new CoverageData(CoverageData.CurrentVersion, CoverageMode.Set, [new ModuleCoverage(model, [1, 1, 1, 1, 0, 0])]);
        var contexts = ContextDatabase.Of(CoverageMode.Set, [model],
        [
            new ContextProbeSet("Shop.Tests.CartTests.Adds", null, model.Key, [0b0011]),
            new ContextProbeSet("Shop.Tests.OrderTests.Totals", null, model.Key, [0b0001]),
            new ContextProbeSet("Shop.Tests.OrderTests.Totals", "GET /orders/{id}", model.Key, [0b1100]),
        ]);
        var result = CoverageAnalysis.Analyze(data, _temp.Path) with { Contexts = LineContexts.Build(data, contexts) };
        var site = Path.Combine(_temp.Path, "htmlcov");
        HtmlReport.Write(result, site, new HtmlReportOptions { Timestamp = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000) });
        _page = Path.Combine(site, "Service_cs.html");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Lines_count_their_tests_list_them_on_a_click_and_filter_to_one_test_or_route()
    {
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.OpenAsync(_page);

        Assert.Equal(["L3 2", "L4 1", "L5 1", "L6 1", "L7 ", "L8 "], await Counts(browser));

        await browser.ClickAsync("#L3 button.ctx");
        Assert.Equal("Shop.Tests.CartTests.Adds|Shop.Tests.OrderTests.Totals",
            (string?)await browser.EvaluateAsync("[...document.querySelectorAll('#L3 .ctxlist > span')].map(s => s.textContent).join('|')"));
        await browser.ClickAsync("#L5 button.ctx");
        Assert.Equal("Shop.Tests.OrderTests.Totals [GET /orders/{id}]",
            (string?)await browser.EvaluateAsync("document.querySelector('#L5 .ctxlist').textContent"));

        Assert.Equal(["every test (2)", "Shop.Tests.CartTests.Adds", "Shop.Tests.OrderTests.Totals", "route GET /orders/{id}"],
            await Strings(browser, "[...document.querySelectorAll('#ctx-filter option')].map(o => o.textContent)"));
        await Choose(browser, "route GET /orders/{id}");
        Assert.Equal(["L5", "L6"], await Strings(browser, "[...document.querySelectorAll('p.flt-in')].map(p => p.id)"));
        Assert.Equal(["L3", "L4", "L7", "L8"], await Strings(browser, "[...document.querySelectorAll('p.flt-out')].map(p => p.id)"));
        Assert.Equal("ran 2 of 6 statement lines", (string?)await browser.EvaluateAsync("document.getElementById('ctx-status').textContent"));
        await browser.ScreenshotAsync(Path.Combine(AppContext.BaseDirectory, "screenshots", "contexts.png"));

        await Choose(browser, "Shop.Tests.OrderTests.Totals");
        Assert.Equal(["L3", "L5", "L6"], await Strings(browser, "[...document.querySelectorAll('p.flt-in')].map(p => p.id)"));
        await Choose(browser, "every test (2)");
        Assert.Equal(0, (int)(await browser.EvaluateAsync("document.querySelectorAll('p.flt-in, p.flt-out').length"))!);

        Assert.Empty(browser.Problems);
    }

    private static async Task<List<string>> Counts(HeadlessChromium browser) =>
        await Strings(browser, "[...document.querySelectorAll('.src > p[data-ctx]')].map(p => p.id + ' ' + (p.querySelector('button.ctx')?.textContent ?? ''))");

    private static async Task Choose(HeadlessChromium browser, string label) =>
        await browser.EvaluateAsync($"(() => {{ const s = document.getElementById('ctx-filter'); s.value = [...s.options].find(o => o.textContent === {System.Text.Json.JsonSerializer.Serialize(label)}).value; s.dispatchEvent(new Event('change')); }})()");

    private static async Task<List<string>> Strings(HeadlessChromium browser, string expression) =>
        ((JsonArray)(await browser.EvaluateAsync(expression))!).Select(n => (string)n!).ToList();
}
