using System.Text;

namespace FlowCover.Reporting.Html;

/// <summary>The frame every page shares: document head, stylesheet, script and footer.</summary>
internal static class Page
{
    public static void Open(StringBuilder html, string title, string bodyClass)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(HtmlText.Escape(title)).Append("</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"style.css\">\n<script src=\"report.js\" defer></script>\n")
            .Append("</head>\n<body class=\"").Append(bodyClass).Append("\">\n");
    }

    public static void Close(StringBuilder html, SiteInfo site)
    {
        html.Append("<footer>Created by FlowCover ").Append(HtmlText.Escape(ToolVersion.Current)).Append(" at ")
            .Append(site.Created.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture))
            .Append("</footer>\n</body>\n</html>\n");
    }

    /// <summary>The figure cells of a row (Stmts, Miss, [Branch, BrPart,] Cover), each with the
    /// exact value to sort by, and Cover followed by a small bar (after the figure, so the bars line up).</summary>
    public static void FigureCells(StringBuilder html, Counts counts, SiteInfo site)
    {
        Number(html, counts.Statements);
        Number(html, counts.Missed);
        if (site.ShowBranches)
        {
            Number(html, counts.Branches);
            Number(html, counts.PartialBranches);
        }
        var percent = counts.Percent.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var bar = Math.Round(counts.Percent, 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        html.Append("<td class=\"cover\" data-sort=\"").Append(percent).Append("\">").Append(site.Percent(counts))
            .Append("<span class=\"bar\"><span style=\"width:").Append(bar).Append("%\"></span></span></td>");
    }

    /// <summary>The header cells matching <see cref="FigureCells"/>.</summary>
    public static void FigureHeaders(StringBuilder html, SiteInfo site)
    {
        html.Append("<th data-type=\"num\" title=\"statements\">Stmts</th><th data-type=\"num\" title=\"missed statements\">Miss</th>");
        if (site.ShowBranches)
            html.Append("<th data-type=\"num\" title=\"branch outcomes\">Branch</th><th data-type=\"num\" title=\"lines with a decision partly taken\">BrPart</th>");
        html.Append("<th data-type=\"num\" class=\"cover\">Cover</th>");
    }

    private static void Number(StringBuilder html, int value) => html.Append("<td>").Append(value).Append("</td>");
}
