namespace FlowCover.Reporting;

/// <summary>
/// A plain table drawn two ways: aligned columns with rules for the terminal, or a Markdown
/// table with the total in bold. Columns are right-aligned (figures) unless listed as
/// left-aligned (names, line lists). The coverage table keeps coverage.py's exact layout in
/// <see cref="TextReport"/>; this serves tables coverage.py does not have.
/// </summary>
internal sealed record TextTable(IReadOnlyList<string> Headers, IReadOnlyList<int> LeftAligned)
{
    private const string Gap = "   ";

    public void WriteText(TextWriter output, IReadOnlyList<string[]> rows, string[] total, IReadOnlyList<string> notes)
    {
        var widths = Headers.Select((h, i) => rows.Append(total).Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var header = Line(Headers, widths);
        var rule = new string('-', widths.Sum() + Gap.Length * (widths.Length - 1));
        output.WriteLine(header);
        output.WriteLine(rule);
        foreach (var row in rows)
            output.WriteLine(Line(row, widths));
        if (rows.Count > 0)
            output.WriteLine(rule);
        output.WriteLine(Line(total, widths));
        foreach (var note in notes)
        {
            output.WriteLine();
            output.WriteLine(note);
        }
    }

    public void WriteMarkdown(TextWriter output, IReadOnlyList<string[]> rows, string[] total, IReadOnlyList<string> notes)
    {
        output.WriteLine("| " + string.Join(" | ", Headers) + " |");
        output.WriteLine("| " + string.Join(" | ", Headers.Select((_, i) => LeftAligned.Contains(i) ? "---" : "---:")) + " |");
        foreach (var row in rows)
            output.WriteLine("| " + string.Join(" | ", row.Select((c, i) => i == 0 ? MarkdownText.Escape(c) : c)) + " |");
        output.WriteLine("| " + string.Join(" | ", total.Select(c => c.Length == 0 ? "" : $"**{c}**")) + " |");
        foreach (var note in notes)
        {
            output.WriteLine();
            output.WriteLine(note);
        }
    }

    private string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join(Gap, cells.Select((c, i) => LeftAligned.Contains(i) ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
}
