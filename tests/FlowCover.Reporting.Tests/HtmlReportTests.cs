using System.Text.RegularExpressions;
using FlowCover.Reporting.Html;
using FlowCover.Reporting.Tests.Fixtures;
using Xunit;

namespace FlowCover.Reporting.Tests;

/// <summary>The HTML site's structure; HtmlBrowserTests runs it in a real browser.</summary>
public sealed partial class HtmlReportTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _site;

    public HtmlReportTests()
    {
        Shop.WriteSources(_temp);
        File.Delete(_temp.File("Util.cs"));
        _site = Path.Combine(_temp.Path, "htmlcov");
        var result = CoverageAnalysis.Analyze(Shop.Data(_temp.Path), _temp.Path);
        HtmlReport.Write(result, _site, new HtmlReportOptions { Timestamp = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000) });
    }

    public void Dispose() => _temp.Dispose();

    private string Page(string name) => File.ReadAllText(Path.Combine(_site, name));

    [Fact]
    public void The_site_is_self_contained()
    {
        Assert.Equal(
            ["Contracts_IClock_cs.html", "Data_Repo_cs.html", "Services_OrderService_cs.html", "Util_cs.html", "index.html", "report.js", "style.css"],
            Directory.GetFiles(_site).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var file in Directory.GetFiles(_site))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("http://", text);
            Assert.DoesNotContain("https://", text);
            Assert.DoesNotContain("//cdn", text);
        }
    }

    [Fact]
    public void Index_lists_every_file_with_its_figures_and_the_total()
    {
        var index = Page("index.html");
        Assert.Contains("<title>Coverage report: 68%</title>", index);
        Assert.Contains("<input id=\"filter\" type=\"search\"", index);
        Assert.Equal(
            [
                ("Contracts_IClock_cs.html", "Contracts/IClock.cs", "0|0|0|0|100%"),
                ("Data_Repo_cs.html", "Data/Repo.cs", "5|1|4|1|78%"),
                ("Services_OrderService_cs.html", "Services/OrderService.cs", "15|5|9|4|62%"),
                ("Util_cs.html", "Util.cs", "1|0|0|0|100%"),
            ],
            FileRow().Matches(index).Select(m => (m.Groups[1].Value, m.Groups[2].Value, Figures(m.Groups[3].Value))));
        var total = Regex.Match(index, "<tfoot><tr class=\"total\"><td class=\"name\">TOTAL</td>(.*?)</tr></tfoot>");
        Assert.Equal("21|6|13|5|68%", Figures(total.Groups[1].Value));
        Assert.Contains("<td class=\"cover\" data-sort=\"62.5\">", index);
        Assert.Equal(6, Regex.Count(index, "<th data-type="));
    }

    [Fact]
    public void Each_line_is_marked_and_partial_lines_are_explained()
    {
        var page = Page("Services_OrderService_cs.html");
        var marks = LineMark().Matches(page).ToDictionary(m => int.Parse(m.Groups[1].Value), m => m.Groups[2].Value);
        Assert.Equal(Enumerable.Range(1, 48), marks.Keys);
        Assert.Equal(
            "12 run, 13 par, 14 run, 15 par, 16 mis, 17 run, 22 par, 25 run, 27 mis, 31 run, 37 par, 38 run, 43 mis, 44 mis, 46 mis",
            string.Join(", ", marks.Where(m => m.Value != "").Select(m => $"{m.Key} {m.Value}")));
        Assert.Contains("<span class=\"a\">1 of 2 outcomes taken: false never happened</span>", Line(page, 13));
        Assert.Contains("<span class=\"a\">1 of 2 outcomes taken: true never happened</span>", Line(page, 15));
        Assert.Contains("<span class=\"a\">2 of 3 outcomes taken: case 2 never happened</span>", Line(page, 22));
        Assert.Contains("title=\"case 1 → line 25: 2; case 2 → line 27: 0; default → line 31: 1\"", Line(page, 22));
        Assert.Contains("<span class=\"a\">1 of 2 outcomes taken: false never happened</span>", Line(page, 37));
        Assert.DoesNotContain("class=\"a\"", Line(page, 12));
    }

    [Fact]
    public void Source_is_escaped_and_highlighted()
    {
        var page = Page("Services_OrderService_cs.html");
        Assert.Equal(
            "<p id=\"L8\"><a href=\"#L8\">8</a>    <span class=\"k\">private</span> <span class=\"k\">const</span> <span class=\"k\">string</span> Banner = " +
            "<span class=\"s\">&quot;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;</span>;</p>",
            Line(page, 8));
        Assert.DoesNotContain("<script>alert", page);
        Assert.Contains("<span class=\"c\">/* never</span>", Line(page, 29));
        Assert.Contains("<span class=\"c\">                   asked */</span>", Line(page, 30));
        Assert.Contains("<span class=\"s\">$&quot;code {code}&quot;</span>", Line(page, 31));
        Assert.Contains("<span class=\"n\">9.5m</span>", Line(page, 12));
    }

    [Fact]
    public void Methods_have_their_own_figures_and_link_to_their_lines()
    {
        var page = Page("Services_OrderService_cs.html");
        Assert.Equal(
            [
                ("12", "OrderService.Price", "10|6|1|4|2|70%"),
                ("22", "OrderService.Describe", "20|4|1|3|1|71%"),
                ("37", "OrderService.Notify", "35|2|0|2|1|75%"),
                ("43", "OrderService.Unused", "41|3|3|0|0|0%"),
            ],
            MethodRow().Matches(page).Select(m => (m.Groups[1].Value, m.Groups[2].Value, Figures(m.Groups[3].Value))));
    }

    [Fact]
    public void A_missing_source_is_reported_on_its_page()
    {
        var page = Page("Util_cs.html");
        Assert.Contains($"<p class=\"warning\">The source file {Path.Combine(_temp.Path, "Util.cs")} was not found, so its lines are listed without their text.</p>", page);
        Assert.Contains("<p id=\"L5\" class=\"run\"><a href=\"#L5\">5</a></p>", page);
    }

    [Fact]
    public void Skipped_files_get_no_page_but_count_in_the_total()
    {
        using var temp = new TempDirectory();
        var site = Path.Combine(temp.Path, "site");
        HtmlReport.Write(Shop.Result(), site, new HtmlReportOptions { SkipCovered = true, Precision = 1 });
        Assert.False(File.Exists(Path.Combine(site, "Util_cs.html")));
        var index = File.ReadAllText(Path.Combine(site, "index.html"));
        Assert.Matches("<tfoot>.*>67.6%<span class=\"bar\">.*</tfoot>", index);
        Assert.Contains("2 files not listed (complete or empty); the total counts them.", index);
    }

    [Fact]
    public void Page_names_are_flat_unique_and_never_index()
    {
        FileResult File(string name) => new("/x/" + name, name, "A", [], []);
        var files = new[] { File("a/b.cs"), File("a_b.cs"), File("A/B.cs"), File("index"), File(new string('d', 300) + ".cs") };
        var names = PageNames.For(files);
        Assert.Equal(["a_b_cs.html", "a_b_cs_2.html", "A_B_cs_3.html", "index_2.html"], files.Take(4).Select(f => names[f]));
        Assert.True(names[files[4]].Length < 140);
    }

    /// <summary>The figure cells of a row as "a|b|c", with the Cover cell reduced to its text.</summary>
    private static string Figures(string cells) =>
        string.Join("|", Regex.Matches(cells, "<td[^>]*>([^<]*)(?:<span class=\"bar\">.*?</span></span>)?</td>").Select(m => m.Groups[1].Value));

    private static string Line(string page, int number) =>
        Regex.Match(page, $"<p id=\"L{number}\".*?</p>").Value;

    [GeneratedRegex("<tr><td class=\"name\"><a href=\"([^\"]+)\">([^<]+)</a></td>(.*?)</tr>")]
    private static partial Regex FileRow();

    [GeneratedRegex("<p id=\"L(\\d+)\"(?: class=\"(\\w+)\")?")]
    private static partial Regex LineMark();

    [GeneratedRegex("<tr><td class=\"name\"><a href=\"#L(\\d+)\">([^<]+)</a></td>(.*?)</tr>")]
    private static partial Regex MethodRow();
}
