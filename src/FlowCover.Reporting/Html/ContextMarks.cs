using System.Text;
using System.Text.Json;
using FlowCover.Data.Contexts;
using FlowCover.Reporting.Contexts;

namespace FlowCover.Reporting.Html;

/// <summary>
/// What a file page shows of contexts: on each line that ran, how many tests ran it (a button
/// that lists them, with their routes), and above the source a choice of one test or route that
/// dims every line it did not run. The page carries only the contexts of its own lines, numbered
/// for the page, in a JSON block the script reads (no fetch: the site works from disk).
/// </summary>
internal sealed class ContextMarks
{
    private readonly FileResult _file;
    private readonly LineContexts _contexts;
    private readonly Dictionary<int, int> _local = [];
    private readonly List<ContextName> _names = [];

    public ContextMarks(FileResult file, LineContexts contexts)
    {
        _file = file;
        _contexts = contexts;
        foreach (var global in file.Lines.SelectMany(l => contexts.At(file.Path, l.Line)).Distinct().Order())
        {
            _local[global] = _names.Count;
            _names.Add(contexts.Names[global]);
        }
    }

    /// <summary>The filter above the source, and the page's context names for the script.</summary>
    public void Header(StringBuilder html)
    {
        if (_names.Count == 0)
        {
            html.Append("<p class=\"contexts\">No recorded test ran this file.</p>\n");
            return;
        }
        var tests = _names.Select((n, i) => (n, i)).GroupBy(p => p.n.Test, StringComparer.Ordinal);
        var routes = _names.Select((n, i) => (n, i)).Where(p => p.n.Route is not null).GroupBy(p => p.n.Route!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
        html.Append("<p class=\"contexts\"><label for=\"ctx-filter\">Show what one test or route ran:</label> <select id=\"ctx-filter\">")
            .Append("<option value=\"\">every test (").Append(tests.Count()).Append(")</option>\n");
        foreach (var test in tests)
            Option(html, test.Key, test.Select(p => p.i));
        foreach (var route in routes)
            Option(html, "route " + route.Key, route.Select(p => p.i));
        html.Append("</select> <span id=\"ctx-status\"></span></p>\n<script type=\"application/json\" id=\"ctx-names\">[");
        for (var i = 0; i < _names.Count; i++)
            html.Append(i == 0 ? "" : ",").Append('"').Append(JsonEncodedText.Encode(_names[i].ToString()).ToString()).Append('"');
        html.Append("]</script>\n");
    }

    private static void Option(StringBuilder html, string label, IEnumerable<int> contexts) =>
        html.Append("<option value=\"").Append(string.Join(' ', contexts)).Append("\">").Append(HtmlText.Escape(label)).Append("</option>\n");

    /// <summary>The line's attribute: its contexts' page numbers.</summary>
    public void LineAttribute(StringBuilder html, LineResult line)
    {
        var contexts = _contexts.At(_file.Path, line.Line);
        html.Append(" data-ctx=\"").Append(string.Join(' ', contexts.Select(c => _local[c]))).Append('"');
    }

    /// <summary>The button that says how many tests ran the line; none on a line no test ran.</summary>
    public void Count(StringBuilder html, LineResult line)
    {
        var contexts = _contexts.At(_file.Path, line.Line);
        if (contexts.Count == 0)
            return;
        var tests = contexts.Select(c => _contexts.Names[c].Test).Distinct(StringComparer.Ordinal).Count();
        html.Append("<button type=\"button\" class=\"ctx\" title=\"").Append(tests).Append(tests == 1 ? " test ran" : " tests ran")
            .Append(" this line; click to list them\">").Append(tests).Append("</button>");
    }
}
