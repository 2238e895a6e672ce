namespace FlowCover.Reporting;

/// <summary>
/// coverage.py's terminal table, column for column and space for space: Name, Stmts, Miss,
/// Branch, BrPart, Cover and optionally Missing, a rule above and below the files, and a TOTAL
/// row. Users who know coverage.py read it without a legend, and scripts written for its
/// output keep working. Branch columns appear when any file has branches, as coverage.py shows
/// them only when it measured branches.
/// </summary>
public static class TextReport
{
    public static void Write(CoverageResult result, TextWriter output, TextReportOptions options)
    {
        var table = ReportTable.Build(result, options);
        var headers = Headers(table);
        var rows = table.Rows.Select(r => Cells(r, table, options.Precision)).ToList();
        var total = Cells(table.Total, table, options.Precision);
        var cover = headers.IndexOf("Cover");

        // coverage.py's widths: the longest name plus one; Cover wide enough for its figure.
        var nameWidth = rows.Select(r => r[0].Length).Append(5).Max() + 1;
        var coverWidth = rows.Select(r => r[cover].Length + 2).Append(Math.Max(total[cover].Length + 2, " Cover".Length) + 1).Max();

        var header = string.Concat(headers.Select(h => h switch
        {
            "Name" => h.PadRight(nameWidth),
            "Cover" => h.PadLeft(coverWidth),
            "Missing" => h.PadLeft(10),
            _ => h.PadLeft(7),
        }));
        var rule = new string('-', header.Length);
        WriteLine(output, header);
        WriteLine(output, rule);
        foreach (var row in rows)
            WriteLine(output, Line(headers, row, nameWidth, coverWidth));
        if (rows.Count > 0)
            WriteLine(output, rule);
        WriteLine(output, Line(headers, total, nameWidth, coverWidth));
        foreach (var note in table.Notes)
        {
            output.WriteLine();
            WriteLine(output, note);
        }
    }

    internal static List<string> Headers(ReportTable table)
    {
        var headers = new List<string> { "Name", "Stmts", "Miss" };
        if (table.ShowBranches)
            headers.AddRange(["Branch", "BrPart"]);
        headers.Add("Cover");
        if (table.ShowMissing)
            headers.Add("Missing");
        return headers;
    }

    /// <summary>A row's cells without padding; Cover without its '%' (the layout adds it).</summary>
    internal static List<string> Cells(ReportRow row, ReportTable table, int precision)
    {
        var cells = new List<string> { (row.IsMethod ? "  " : "") + row.Name, $"{row.Counts.Statements}", $"{row.Counts.Missed}" };
        if (table.ShowBranches)
            cells.AddRange([$"{row.Counts.Branches}", $"{row.Counts.PartialBranches}"]);
        cells.Add(CoverFormat.Number(row.Counts.Percent, precision));
        if (table.ShowMissing)
            cells.Add(row.Missing);
        return cells;
    }

    private static string Line(List<string> headers, List<string> cells, int nameWidth, int coverWidth) =>
        string.Concat(headers.Select((h, i) => h switch
        {
            "Name" => cells[i].PadRight(nameWidth),
            "Cover" => cells[i].PadLeft(coverWidth - 1) + "%",
            "Missing" => "   " + cells[i],
            _ => cells[i].PadLeft(7),
        }));

    /// <summary>coverage.py strips every line's trailing spaces (an empty Missing cell).</summary>
    private static void WriteLine(TextWriter output, string line) => output.WriteLine(line.TrimEnd());
}
