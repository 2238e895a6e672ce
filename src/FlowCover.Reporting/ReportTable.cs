using FlowCover.Data;

namespace FlowCover.Reporting;

/// <summary>
/// The rows of the coverage table, independent of how they are drawn: one per file (and, with
/// <c>--methods</c>, one per method under it, adding up to the file's: <see cref="MethodRows"/>),
/// filtered and sorted as asked, plus the total.
/// The text and Markdown reports draw the same rows.
/// </summary>
/// <remarks>As in coverage.py, skipped files still count in the total, and the table ends with
/// how many were skipped: a total that silently changed with <c>--skip-covered</c> would read
/// as a different measurement.</remarks>
/// <param name="Columns">The columns to draw (<see cref="TableColumns"/>), Name first.</param>
public sealed record ReportTable(IReadOnlyList<ReportRow> Rows, ReportRow Total, IReadOnlyList<string> Columns, IReadOnlyList<string> Notes)
{
    /// <summary>After the name of a file edited since the build, whose Missing lines may be
    /// other lines now (the warning on stderr says more).</summary>
    public const string StaleMarker = " (edited since build)";

    /// <summary>The columns <c>--sort</c> accepts, in table order.</summary>
    public static readonly IReadOnlyList<string> SortColumns = ["name", "stmts", "miss", "branch", "brpart", "cover", "line%", "branch%"];

    public static ReportTable Build(CoverageResult result, TextReportOptions options)
    {
        var shown = new List<FileResult>();
        int skippedCovered = 0, skippedEmpty = 0;
        foreach (var file in result.Files)
        {
            // coverage.py's order of tests: a file with nothing to miss counts as covered first.
            if (options.SkipCovered && IsComplete(file))
                skippedCovered++;
            else if (options.SkipEmpty && file.Counts.Statements == 0)
                skippedEmpty++;
            else
                shown.Add(file);
        }
        var notes = new List<string>();
        if (skippedCovered > 0)
            notes.Add($"{skippedCovered} {Plural(skippedCovered, "file")} skipped due to complete coverage.");
        if (skippedEmpty > 0)
            notes.Add($"{skippedEmpty} empty {Plural(skippedEmpty, "file")} skipped.");

        var columns = TableColumns.Of(options.Columns, result.Files.Any(f => f.Counts.Branches > 0), options.ShowMissing);
        var showMissing = columns.Contains(TableColumns.Missing);
        var rows = new List<ReportRow>();
        foreach (var file in Sort(shown, options.Sort))
        {
            rows.Add(new ReportRow(file.IsStale ? file.Name + StaleMarker : file.Name, file.Counts, showMissing ? MissingLines.Format(file.Lines) : "", IsMethod: false));
            if (options.Methods)
                rows.AddRange(MethodRows.Of(file).Select(m => new ReportRow(m.Method.Name, m.Counts, showMissing ? MissingLines.Format(m.Lines) : "", IsMethod: true)));
        }
        var total = new ReportRow("TOTAL", result.Totals, "", IsMethod: false);
        return new ReportTable(rows, total, columns, notes);
    }

    /// <summary>coverage.py's sort: names in human order; any other column by its value with the
    /// name breaking ties; a leading <c>-</c> reverses both, a leading <c>+</c> is allowed.</summary>
    private static IEnumerable<FileResult> Sort(IReadOnlyList<FileResult> files, string? sort)
    {
        var option = string.IsNullOrEmpty(sort) ? "name" : sort;
        var descending = option.StartsWith('-');
        var column = option.TrimStart('-', '+').ToLowerInvariant();
        if (!SortColumns.Contains(column))
            throw new UserError($"--sort {sort}: no such column; use one of {string.Join(", ", SortColumns)} (prefix '-' to reverse).");
        if (column == "name")
            return descending ? files.OrderByDescending(f => f.Name, HumanOrder.Instance) : files.OrderBy(f => f.Name, HumanOrder.Instance);
        Func<FileResult, double> key = column switch
        {
            "stmts" => f => f.Counts.Statements,
            "miss" => f => f.Counts.Missed,
            "branch" => f => f.Counts.Branches,
            "brpart" => f => f.Counts.PartialBranches,
            "line%" => f => f.Counts.LinePercent,
            "branch%" => f => f.Counts.BranchPercent,
            _ => f => f.Counts.Percent,
        };
        return descending
            ? files.OrderByDescending(key).ThenByDescending(f => f.Name, StringComparer.Ordinal)
            : files.OrderBy(key).ThenBy(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>Nothing missed and no decision left partial: what <c>--skip-covered</c> leaves out.</summary>
    internal static bool IsComplete(FileResult file) => file.Counts.Missed == 0 && file.Counts.PartialBranches == 0;

    /// <summary>Whether <c>--skip-covered</c> / <c>--skip-empty</c> leave the file out of a listing.</summary>
    internal static bool IsSkipped(FileResult file, bool skipCovered, bool skipEmpty) =>
        (skipCovered && IsComplete(file)) || (skipEmpty && file.Counts.Statements == 0);

    private static string Plural(int count, string word) => count == 1 ? word : word + "s";
}

/// <summary>One row: a file, a method (indented under its file) or the total.</summary>
public sealed record ReportRow(string Name, Counts Counts, string Missing, bool IsMethod);
