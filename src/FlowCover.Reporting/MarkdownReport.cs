namespace FlowCover.Reporting;

/// <summary>
/// The coverage table in Markdown, laid out as coverage.py's <c>--format=markdown</c> lays it
/// out (padded so it also reads as plain text in a log), for CI job summaries and pull-request
/// comments: the same rows as the terminal table, the total in bold. Method rows are indented
/// with non-breaking spaces, because Markdown drops leading spaces in a cell.
/// </summary>
public static class MarkdownReport
{
    public static void Write(CoverageResult result, TextWriter output, TextReportOptions options)
    {
        var table = ReportTable.Build(result, options);
        var headers = TextReport.Headers(table);
        var rows = table.Rows.Select(r => Escaped(r, TextReport.Cells(r, table, options.Precision))).ToList();
        var total = TextReport.Cells(table.Total, table, options.Precision);
        var cover = headers.IndexOf("Cover");

        var nameWidth = Math.Max(rows.Select(r => r[0].Length).DefaultIfEmpty(0).Max(), "**TOTAL**".Length) + 1;
        var coverWidth = Math.Max(total[cover].Length + 6, " Cover ".Length);

        var headerItems = headers.Select(h => Cell(h, h, nameWidth, coverWidth)).ToList();
        WriteLine(output, string.Concat(headerItems));
        WriteLine(output, "|" + string.Join(" ", headerItems.Select((item, i) => (i == 0 ? "- |" : "-: |").PadLeft(item.Length - 1, '-'))));
        foreach (var row in rows)
            WriteLine(output, string.Concat(headers.Select((h, i) => h == "Cover"
                ? (row[i] + "%").PadLeft(coverWidth) + " |"
                : Cell(h, row[i], nameWidth, coverWidth))));
        WriteLine(output, string.Concat(headers.Select((h, i) =>
        {
            var value = total[i] == "" ? "" : h == "Cover" ? $" **{total[i]}%**" : $" **{total[i]}**";
            return h == "Name" ? "|" + value.PadLeft(nameWidth) + " |" : Cell(h, value, nameWidth, coverWidth);
        })));
        foreach (var note in table.Notes)
        {
            output.WriteLine();
            WriteLine(output, note);
        }
    }

    private static List<string> Escaped(ReportRow row, List<string> cells)
    {
        cells[0] = row.IsMethod ? "&nbsp;&nbsp;" + MarkdownText.Escape(row.Name) : MarkdownText.Escape(row.Name);
        return cells;
    }

    private static string Cell(string header, string text, int nameWidth, int coverWidth) => header switch
    {
        "Name" => "| " + text.PadRight(nameWidth) + "|",
        "Cover" => text.PadLeft(coverWidth) + " |",
        "Missing" => text.PadLeft(10) + " |",
        _ => text.PadLeft(9) + " |",
    };

    private static void WriteLine(TextWriter output, string line) => output.WriteLine(line.TrimEnd());
}
