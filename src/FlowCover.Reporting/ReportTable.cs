using FlowCover.Data;

namespace FlowCover.Reporting;

/// <summary>
/// The rows of the coverage table, independent of how they are drawn: one per file (and, with
/// <c>--methods</c>, one per method under it), filtered and sorted as asked, plus the total.
/// The text and Markdown reports draw the same rows.
/// </summary>
/// <remarks>As in coverage.py, skipped files still count in the total, and the table says how
/// many were skipped.</remarks>
public sealed record ReportTable(IReadOnlyList<ReportRow> Rows, ReportRow Total, bool ShowBranches, bool ShowMissing, IReadOnlyList<string> Notes)
{
    private static readonly string[] SortColumns = ["name", "stmts", "miss", "branch", "brpart", "cover"];

    public static ReportTable Build(CoverageResult result, TextReportOptions options)
    {
        IEnumerable<FileResult> files = result.Files;
        var notes = new List<string>();
        if (options.SkipCovered)
        {
            var covered = result.Files.Count(f => f.Counts.Statements > 0 && f.Counts.Missed == 0 && f.Counts.MissedBranches == 0);
            files = files.Where(f => f.Counts.Statements == 0 || f.Counts.Missed > 0 || f.Counts.MissedBranches > 0);
            if (covered > 0)
                notes.Add($"{covered} file{(covered == 1 ? "" : "s")} skipped due to complete coverage.");
        }
        if (options.SkipEmpty)
        {
            var empty = result.Files.Count(f => f.Counts.Statements == 0);
            files = files.Where(f => f.Counts.Statements > 0);
            if (empty > 0)
                notes.Add($"{empty} empty file{(empty == 1 ? "" : "s")} skipped.");
        }
        var rows = new List<ReportRow>();
        foreach (var file in Sort(files, options.Sort))
        {
            rows.Add(new ReportRow(file.Name, file.Counts, options.ShowMissing ? MissingLines.Format(file.Lines) : "", IsMethod: false));
            if (options.Methods)
                rows.AddRange(file.Methods.Select(m => new ReportRow(m.Name, m.Counts, options.ShowMissing ? MissingLines.Format(m.Lines) : "", IsMethod: true)));
        }
        var total = new ReportRow("TOTAL", result.Totals, "", IsMethod: false);
        return new ReportTable(rows, total, result.Files.Any(f => f.Counts.Branches > 0), options.ShowMissing, notes);
    }

    private static IEnumerable<FileResult> Sort(IEnumerable<FileResult> files, string? sort)
    {
        if (sort is null)
            return files.OrderBy(f => f.Name, StringComparer.Ordinal);
        var descending = sort.StartsWith('-');
        var column = sort.TrimStart('-').ToLowerInvariant();
        if (!SortColumns.Contains(column))
            throw new UserError($"--sort {sort}: no such column; use one of {string.Join(", ", SortColumns)} (prefix '-' to reverse).");
        Func<FileResult, IComparable> key = column switch
        {
            "stmts" => f => f.Counts.Statements,
            "miss" => f => f.Counts.Missed,
            "branch" => f => f.Counts.Branches,
            "brpart" => f => f.Counts.PartialLines,
            "cover" => f => f.Counts.Percent,
            _ => f => f.Name,
        };
        var ordered = descending ? files.OrderByDescending(key) : files.OrderBy(key);
        return ordered.ThenBy(f => f.Name, StringComparer.Ordinal);
    }
}

/// <summary>One row: a file, a method (indented under its file) or the total.</summary>
public sealed record ReportRow(string Name, Counts Counts, string Missing, bool IsMethod);
