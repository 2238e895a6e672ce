using System.Text;

namespace FlowCover.Reporting.Html;

/// <summary>index.html: the totals, a filter box and a table of every file, sortable by each
/// column. The TOTAL row sits in the table's footer, so sorting and filtering leave it put.</summary>
internal static class IndexPage
{
    public static string Render(CoverageResult result, IReadOnlyList<FileResult> files, IReadOnlyDictionary<FileResult, string> pages, SiteInfo site)
    {
        var totals = result.Totals;
        var html = new StringBuilder(4096 + files.Count * 400);
        var title = $"{site.Options.Title}: {site.Percent(totals)}";
        Page.Open(html, title, "index");
        html.Append("<header>\n<h1>").Append(HtmlText.Escape(site.Options.Title)).Append(": <span class=\"pc\">")
            .Append(site.Percent(totals)).Append("</span></h1>\n");
        Stats(html, totals);
        html.Append("<p class=\"tools\"><input id=\"filter\" type=\"search\" placeholder=\"Filter files\u2026\" aria-label=\"Filter files\" autocomplete=\"off\">")
            .Append(" <span id=\"filter-status\" aria-live=\"polite\"></span>")
            .Append(" <span class=\"keys\">Click a column to sort \u00b7 <kbd>/</kbd> filter</span></p>\n</header>\n<main>\n");
        html.Append("<table id=\"files\" class=\"sortable\">\n<thead><tr><th data-type=\"text\" class=\"name\" aria-sort=\"ascending\">File</th>");
        Page.FigureHeaders(html, site);
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var file in files)
        {
            html.Append("<tr><td class=\"name\"");
            if (file.IsStale) // Sorted by its name alone, not the marker after it.
                html.Append(" data-sort=\"").Append(HtmlText.Escape(file.Name)).Append('"');
            html.Append("><a href=\"").Append(HtmlText.Escape(pages[file])).Append("\">")
                .Append(HtmlText.Escape(file.Name)).Append("</a>")
                .Append(file.IsStale ? " <span class=\"stale\" title=\"Edited after the build that was measured: its page shows no line marks.\">stale</span></td>" : "</td>");
            Page.FigureCells(html, file.Counts, site);
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n<tfoot><tr class=\"total\"><td class=\"name\">TOTAL</td>");
        Page.FigureCells(html, totals, site);
        html.Append("</tr></tfoot>\n</table>\n");
        var skipped = result.Files.Count - files.Count;
        if (skipped > 0)
            html.Append("<p class=\"note\">").Append(skipped).Append(skipped == 1 ? " file" : " files")
                .Append(" not listed (complete or empty); the total counts them.</p>\n");
        html.Append("<p id=\"no-match\" class=\"note\" hidden>No file matches the filter.</p>\n</main>\n");
        Page.Close(html, site);
        return html.ToString();
    }

    /// <summary>The totals in words, shared with the file pages.</summary>
    public static void Stats(StringBuilder html, Counts counts)
    {
        html.Append("<p class=\"stats\"><span>").Append(counts.Statements).Append(" statements</span>")
            .Append("<span class=\"run\">").Append(counts.Executed).Append(" run</span>")
            .Append("<span class=\"mis\">").Append(counts.Missed).Append(" missed</span>");
        if (counts.Branches > 0)
            html.Append("<span>").Append(counts.Branches).Append(" branch outcomes, ").Append(counts.TakenBranches).Append(" taken</span>")
                .Append("<span class=\"par\">").Append(counts.PartialBranches).Append(" partial</span>");
        html.Append("</p>\n");
    }
}
