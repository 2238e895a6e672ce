using System.Text;

namespace FlowCover.Reporting.Html;

/// <summary>
/// One source file's page: its figures, its methods with their own figures, and the source
/// with each statement line marked run (<c>run</c>), missed (<c>mis</c>) or partial
/// (<c>par</c>). A partial line says in words which outcomes never happened, and its tooltip
/// lists every outcome with its count. Keys j/k (or n/p) step through missed and partial code.
/// </summary>
internal static class SourcePage
{
    /// <param name="contexts">Which tests ran each line, when contexts were recorded.</param>
    public static string Render(FileResult file, SourceText source, SiteInfo site, Contexts.LineContexts? contexts = null)
    {
        var marks = contexts is null || file.IsStale ? null : new ContextMarks(file, contexts);
        var html = new StringBuilder(8192 + (source.Lines?.Count ?? file.Lines.Count) * 120);
        Page.Open(html, $"{file.Name}: {site.Percent(file.Counts)}", "file");
        html.Append("<header>\n<nav><a href=\"index.html\">\u00ab Index</a></nav>\n<h1>").Append(HtmlText.Escape(file.Name))
            .Append(" <span class=\"pc\">").Append(site.Percent(file.Counts)).Append("</span></h1>\n");
        IndexPage.Stats(html, file.Counts);
        // First thing under the figures: nothing below it may be read as this file's coverage.
        if (file.IsStale)
            html.Append("<p class=\"warning stale\" role=\"alert\"><strong>Stale:</strong> this file was edited after the build that was measured ")
                .Append("(its checksum is not the one in the PDB), so its lines are shown without coverage marks: they could mark the wrong lines. ")
                .Append("Build and measure again to see them.</p>\n");
        marks?.Header(html);
        html.Append("<p class=\"keys\"><kbd>j</kbd>/<kbd>k</kbd> or <kbd>n</kbd>/<kbd>p</kbd> next/previous missed line \u00b7 <kbd>u</kbd> index</p>\n</header>\n<main>\n");
        Methods(html, file, site);
        Source(html, file, source, marks);
        html.Append("</main>\n");
        Page.Close(html, site);
        return html.ToString();
    }

    private static void Methods(StringBuilder html, FileResult file, SiteInfo site)
    {
        if (file.Methods.Count == 0)
            return;
        html.Append("<details class=\"methods\" open>\n<summary>Methods (").Append(file.Methods.Count).Append(")</summary>\n")
            .Append("<table class=\"sortable\">\n<thead><tr><th data-type=\"text\" class=\"name\">Method</th><th data-type=\"num\">Line</th>");
        Page.FigureHeaders(html, site);
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var method in file.Methods)
        {
            var line = method.Lines.Count > 0 ? method.Lines[0].Line : method.FirstLine;
            html.Append("<tr><td class=\"name\"><a href=\"#L").Append(line).Append("\">").Append(HtmlText.Escape(method.Name))
                .Append("</a></td><td>").Append(method.FirstLine).Append("</td>");
            Page.FigureCells(html, method.Counts, site);
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n</details>\n");
    }

    private static void Source(StringBuilder html, FileResult file, SourceText source, ContextMarks? marks)
    {
        var measured = file.Lines.ToDictionary(l => l.Line);
        if (source.Problem is { } problem)
            html.Append("<p class=\"warning\">").Append(HtmlText.Escape(problem)).Append("</p>\n");
        var text = source.Lines is { } lines ? CSharpHighlighter.Highlight(lines) : [];
        var last = file.Lines.Count > 0 ? file.Lines[^1].Line : 0;
        if (source.Lines is not null && last > text.Count && !file.IsStale)
            html.Append("<p class=\"warning\">Line ").Append(last).Append(" was measured but the source has ").Append(text.Count)
                .Append(" lines: it has changed since the run, so the marks below may be on the wrong lines.</p>\n");
        html.Append("<div class=\"src\">\n");
        var numbers = source.Lines is null ? file.Lines.Select(l => l.Line) : Enumerable.Range(1, Math.Max(text.Count, last));
        foreach (var number in numbers)
        {
            measured.TryGetValue(number, out var line);
            html.Append("<p id=\"L").Append(number).Append('"');
            if (line is not null && !file.IsStale)
            {
                html.Append(" class=\"").Append(!line.Covered ? "mis" : line.Partial ? "par" : "run").Append('"');
                if (line.Outcomes.Count > 0)
                    html.Append(" title=\"").Append(HtmlText.Escape(BranchExplanation.Detail(line))).Append('"');
                marks?.LineAttribute(html, line);
            }
            html.Append("><a href=\"#L").Append(number).Append("\">").Append(number).Append("</a>");
            if (line is not null && marks is not null)
                marks.Count(html, line);
            if (number <= text.Count)
                html.Append(text[number - 1]);
            if (line is not null && !file.IsStale && BranchExplanation.Describe(line) is { } words)
                html.Append("<span class=\"a\">").Append(HtmlText.Escape(words)).Append("</span>");
            html.Append("</p>\n");
        }
        html.Append("</div>\n");
    }
}
