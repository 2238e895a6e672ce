namespace FlowCover.Reporting;

/// <summary>
/// coverage.py's terminal table, column for column and space for space: Name, Stmts, Miss,
/// Branch, BrPart, Cover and optionally Missing, a rule above and below the files, and a TOTAL
/// row. Users who know coverage.py read it without a legend, and scripts written for its
/// output keep working. Branch columns appear when any file has branches, as coverage.py shows
/// them only when it measured branches. <see cref="TableColumns"/> can name other columns.
/// </summary>
public static class TextReport
{
    public static void Write(CoverageResult result, TextWriter output, TextReportOptions options)
    {
        var table = ReportTable.Build(result, options);
        var headers = table.Columns;
        var rows = table.Rows.Select(r => Cells(r, table, options.Precision)).ToList();
        var total = Cells(table.Total, table, options.Precision);

        // coverage.py's widths: the longest name plus one; Cover (and each percentage) wide
        // enough for its figure.
        var nameWidth = rows.Select(r => r[0].Length).Append(5).Max() + 1;
        var widths = headers.Select((h, i) => h switch
        {
            TableColumns.Name => nameWidth,
            _ when TableColumns.IsPercent(h) => rows.Select(r => r[i].Length + 2).Append(Math.Max(total[i].Length + 2, (" " + h).Length) + 1).Max(),
            TableColumns.Missing => 10,
            _ => 7,
        }).ToList();

        var header = string.Concat(headers.Select((h, i) => h == TableColumns.Name ? h.PadRight(widths[i]) : h.PadLeft(widths[i])));
        var rule = new string('-', header.Length);
        WriteLine(output, header);
        WriteLine(output, rule);
        foreach (var row in rows)
            WriteLine(output, Line(headers, row, widths));
        if (rows.Count > 0)
            WriteLine(output, rule);
        WriteLine(output, Line(headers, total, widths));
        foreach (var note in table.Notes)
        {
            output.WriteLine();
            WriteLine(output, note);
        }
    }

    /// <summary>A row's cells without padding; percentages without their '%' (the layout adds it).</summary>
    internal static List<string> Cells(ReportRow row, ReportTable table, int precision) =>
        table.Columns.Select(c => TableColumns.Cell(c, row, precision)).ToList();

    private static string Line(IReadOnlyList<string> headers, List<string> cells, IReadOnlyList<int> widths) =>
        string.Concat(headers.Select((h, i) => h switch
        {
            TableColumns.Name => cells[i].PadRight(widths[i]),
            TableColumns.Missing => "   " + cells[i],
            _ when TableColumns.IsPercent(h) => TableColumns.WithPercentSign(cells[i]).PadLeft(widths[i]),
            _ => cells[i].PadLeft(widths[i]),
        }));

    /// <summary>coverage.py strips every line's trailing spaces (an empty Missing cell).</summary>
    private static void WriteLine(TextWriter output, string line) => output.WriteLine(line.TrimEnd());
}
