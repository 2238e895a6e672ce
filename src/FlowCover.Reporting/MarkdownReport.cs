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
        var headers = table.Columns;
        var rows = table.Rows.Select(r => Escaped(r, TextReport.Cells(r, table, options.Precision))).ToList();
        var total = TextReport.Cells(table.Total, table, options.Precision);

        var nameWidth = Math.Max(rows.Select(r => r[0].Length).DefaultIfEmpty(0).Max(), "**TOTAL**".Length) + 1;
        var widths = headers.Select((h, i) => h switch
        {
            TableColumns.Name => nameWidth,
            _ when TableColumns.IsPercent(h) => Math.Max(total[i].Length + 6, (" " + h + " ").Length),
            TableColumns.Missing => 10,
            _ => 9,
        }).ToList();

        var headerItems = headers.Select((h, i) => Cell(h, h, widths[i])).ToList();
        WriteLine(output, string.Concat(headerItems));
        WriteLine(output, "|" + string.Join(" ", headerItems.Select((item, i) => (i == 0 ? "- |" : "-: |").PadLeft(item.Length - 1, '-'))));
        foreach (var row in rows)
            WriteLine(output, string.Concat(headers.Select((h, i) => TableColumns.IsPercent(h)
                ? TableColumns.WithPercentSign(row[i]).PadLeft(widths[i]) + " |"
                : Cell(h, row[i], widths[i]))));
        WriteLine(output, string.Concat(headers.Select((h, i) =>
        {
            var value = total[i] == "" ? "" : TableColumns.IsPercent(h) ? $" **{total[i]}%**" : $" **{total[i]}**";
            return h == TableColumns.Name ? "|" + value.PadLeft(nameWidth) + " |" : Cell(h, value, widths[i]);
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

    private static string Cell(string header, string text, int width) => header == TableColumns.Name
        ? "| " + text.PadRight(width) + "|"
        : text.PadLeft(width) + " |";

    private static void WriteLine(TextWriter output, string line) => output.WriteLine(line.TrimEnd());
}
