namespace FlowCover.Reporting;

/// <summary>
/// coverage.py's terminal table: Name, Stmts, Miss, Branch, BrPart, Cover and optionally
/// Missing, a rule above and below the files, and a TOTAL row. Branch columns appear when any
/// file has branches, as coverage.py shows them only when measuring branches.
/// </summary>
public static class TextReport
{
    public static void Write(CoverageResult result, TextWriter output, TextReportOptions options)
    {
        var table = ReportTable.Build(result, options);
        var headers = new List<string> { "Name", "Stmts", "Miss" };
        if (table.ShowBranches)
            headers.AddRange(["Branch", "BrPart"]);
        headers.Add("Cover");
        if (table.ShowMissing)
            headers.Add("Missing");
        var rows = table.Rows.Select(r => Cells(r, table, options.Precision)).ToList();
        var total = Cells(table.Total, table, options.Precision);
        var widths = headers.Select((h, i) => rows.Append(total).Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var rule = new string('-', widths.Sum() + 3 * (widths.Length - 1) + (table.ShowMissing ? 0 : 0));
        output.WriteLine(Line(headers, widths, table.ShowMissing));
        output.WriteLine(rule);
        foreach (var row in rows)
            output.WriteLine(Line(row, widths, table.ShowMissing));
        output.WriteLine(rule);
        output.WriteLine(Line(total, widths, table.ShowMissing));
        if (table.Notes.Count > 0)
            output.WriteLine();
        foreach (var note in table.Notes)
            output.WriteLine(note);
    }

    private static List<string> Cells(ReportRow row, ReportTable table, int precision)
    {
        var cells = new List<string> { (row.IsMethod ? "  " : "") + row.Name, row.Counts.Statements.ToString(), row.Counts.Missed.ToString() };
        if (table.ShowBranches)
            cells.AddRange([row.Counts.Branches.ToString(), row.Counts.PartialLines.ToString()]);
        cells.Add(CoverFormat.Percent(row.Counts, precision));
        if (table.ShowMissing)
            cells.Add(row.Missing);
        return cells;
    }

    /// <summary>Name left-aligned, figures right-aligned, Missing left-aligned and last.</summary>
    private static string Line(IReadOnlyList<string> cells, int[] widths, bool missingLast)
    {
        var parts = cells.Select((c, i) => i == 0 || (missingLast && i == cells.Count - 1) ? c.PadRight(widths[i]) : c.PadLeft(widths[i]));
        return string.Join("   ", parts).TrimEnd();
    }
}
