namespace FlowCover.Reporting;

/// <summary>
/// The coverage diff as a table: Name, Before, After, Delta (percentage points), Covered+ and
/// Missed+ (lines that changed state), optionally the lines themselves, and a TOTAL row; drawn
/// for the terminal or as Markdown. Which files and in what order is <see cref="CoverageDiff"/>'s.
/// </summary>
public static class DiffReport
{
    private static readonly string[] Headers = ["Name", "Before", "After", "Delta", "Covered+", "Missed+"];
    private static readonly string[] LineHeaders = ["Newly covered", "Newly missed"];

    public static void Write(CoverageResult before, CoverageResult after, TextWriter output, DiffReportOptions options)
    {
        var diff = CoverageDiff.Compare(before, after);
        var files = options.SkipUnchanged ? diff.Files.Where(f => !f.Unchanged).ToList() : diff.Files;
        var headers = options.ShowLines ? [.. Headers, .. LineHeaders] : Headers;
        var rows = files.Select(f => Cells(f, options)).ToList();
        var total = Total(diff, options);
        var notes = new List<string>();
        var skipped = diff.Files.Count - files.Count;
        if (skipped > 0)
            notes.Add($"{skipped} unchanged file{(skipped == 1 ? "" : "s")} not shown.");
        var table = new TextTable(headers, LeftAligned: [0, 6, 7]);
        if (options.Markdown)
            table.WriteMarkdown(output, rows, total, notes);
        else
            table.WriteText(output, rows, total, notes);
    }

    private static string[] Cells(FileDiff file, DiffReportOptions options)
    {
        var cells = new List<string>
        {
            file.Name + file.Change switch { FileChange.Added => " (added)", FileChange.Removed => " (removed)", _ => "" },
            file.Before is null ? "-" : CoverFormat.Percent(file.Before.Counts, options.Precision),
            file.After is null ? "-" : CoverFormat.Percent(file.After.Counts, options.Precision),
            file.Delta is { } delta ? Signed(delta, options.Precision) : "-",
            $"{file.NewlyCovered.Count}",
            $"{file.NewlyMissed.Count}",
        };
        if (options.ShowLines)
        {
            var statements = file.After?.Lines.Select(l => l.Line) ?? [];
            cells.Add(LineRanges.Format(statements, file.NewlyCovered));
            cells.Add(LineRanges.Format(statements, file.NewlyMissed));
        }
        return [.. cells];
    }

    private static string[] Total(CoverageDiff diff, DiffReportOptions options)
    {
        var cells = new List<string>
        {
            "TOTAL",
            CoverFormat.Percent(diff.Before, options.Precision),
            CoverFormat.Percent(diff.After, options.Precision),
            Signed(diff.Delta, options.Precision),
            $"{diff.NewlyCovered}",
            $"{diff.NewlyMissed}",
        };
        if (options.ShowLines)
            cells.AddRange(["", ""]);
        return [.. cells];
    }

    /// <summary>A change in percentage points with its sign: <c>+12%</c>, <c>-3%</c>, <c>0%</c>.
    /// A change too small to show keeps its sign (<c>+0%</c>), so it still reads as a change.</summary>
    internal static string Signed(double delta, int precision) =>
        delta == 0 ? CoverFormat.Fixed(0, precision) + "%" : (delta > 0 ? "+" : "-") + CoverFormat.Fixed(Math.Abs(delta), precision) + "%";
}
