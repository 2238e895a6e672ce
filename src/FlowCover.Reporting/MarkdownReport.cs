namespace FlowCover.Reporting;

/// <summary>The coverage table as a Markdown table, for CI job summaries and pull-request
/// comments: the same rows as the terminal table, the total in bold.</summary>
public static class MarkdownReport
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
        output.WriteLine("| " + string.Join(" | ", headers) + " |");
        output.WriteLine("| " + string.Join(" | ", headers.Select((_, i) => i == 0 || (table.ShowMissing && i == headers.Count - 1) ? "---" : "---:")) + " |");
        foreach (var row in table.Rows)
            output.WriteLine(Row(row, table, options.Precision, bold: false));
        output.WriteLine(Row(table.Total, table, options.Precision, bold: true));
        foreach (var note in table.Notes)
            output.WriteLine($"\n_{note}_");
    }

    private static string Row(ReportRow row, ReportTable table, int precision, bool bold)
    {
        string Cell(string text) => bold && text.Length > 0 ? $"**{text}**" : text;
        var name = row.IsMethod ? "&nbsp;&nbsp;" + Escape(row.Name) : $"`{row.Name}`";
        var cells = new List<string> { bold ? "**TOTAL**" : name, Cell(row.Counts.Statements.ToString()), Cell(row.Counts.Missed.ToString()) };
        if (table.ShowBranches)
            cells.AddRange([Cell(row.Counts.Branches.ToString()), Cell(row.Counts.PartialLines.ToString())]);
        cells.Add(Cell(CoverFormat.Percent(row.Counts, precision)));
        if (table.ShowMissing)
            cells.Add(row.Missing);
        return "| " + string.Join(" | ", cells) + " |";
    }

    private static string Escape(string text) => text.Replace("|", "\\|").Replace("<", "&lt;").Replace(">", "&gt;");
}
