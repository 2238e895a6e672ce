using FlowCover.Data;

namespace FlowCover.Reporting;

/// <summary>
/// The columns the coverage table can show. By default it is coverage.py's table (Name, Stmts,
/// Miss, Branch and BrPart when anything has branches, Cover, and Missing with
/// <c>--show-missing</c>), byte for byte; <c>--columns</c> names the columns instead, in the
/// order given, and may add <c>Line%</c> (executed statements over statements, the line
/// coverage Coverlet and Cobertura's line-rate give) and <c>Branch%</c> (taken outcomes over
/// outcomes, their branch coverage) beside coverage.py's combined Cover.
/// </summary>
public static class TableColumns
{
    public const string Name = "Name";
    public const string Stmts = "Stmts";
    public const string Miss = "Miss";
    public const string Branch = "Branch";
    public const string BrPart = "BrPart";
    public const string Cover = "Cover";
    public const string LinePercent = "Line%";
    public const string BranchPercent = "Branch%";
    public const string Missing = "Missing";

    /// <summary>Every column, in the order of the default table.</summary>
    public static readonly IReadOnlyList<string> All = [Name, Stmts, Miss, LinePercent, Branch, BrPart, BranchPercent, Cover, Missing];

    /// <summary>Columns whose figure is a percentage, drawn as Cover is.</summary>
    public static bool IsPercent(string column) => column is Cover or LinePercent or BranchPercent;

    /// <summary>The columns a user named (case-insensitively; comma-separated items are split),
    /// Name first whether named or not, each once.</summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string> names, string option = "--columns")
    {
        var columns = new List<string> { Name };
        foreach (var item in names.SelectMany(n => n.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var column = All.FirstOrDefault(c => string.Equals(c, item, StringComparison.OrdinalIgnoreCase))
                ?? throw new UserError($"{option} {item}: no such column; use some of {string.Join(", ", All)}.");
            if (!columns.Contains(column))
                columns.Add(column);
        }
        return columns;
    }

    /// <summary>The columns of a table: <paramref name="chosen"/> (with Missing added at the end
    /// when asked for and not named), or coverage.py's.</summary>
    internal static IReadOnlyList<string> Of(IReadOnlyList<string>? chosen, bool anyBranches, bool showMissing)
    {
        var columns = chosen?.ToList() ?? DefaultColumns(anyBranches);
        if (showMissing && !columns.Contains(Missing))
            columns.Add(Missing);
        return columns;
    }

    private static List<string> DefaultColumns(bool anyBranches) =>
        anyBranches ? [Name, Stmts, Miss, Branch, BrPart, Cover] : [Name, Stmts, Miss, Cover];

    /// <summary>The percentage cell of a method row that counts nothing: a lambda written wholly
    /// on its caller's line (its line counts in the caller's row, MethodRows), an interface
    /// method. "100%" there would read as covered, even for a lambda that never ran.</summary>
    public const string NothingCounted = "-";

    /// <summary>A row's cell in <paramref name="column"/>, without padding; a percentage without
    /// its '%' (the layout adds it: <see cref="WithPercentSign"/>).</summary>
    internal static string Cell(string column, ReportRow row, int precision) => column switch
    {
        Name => (row.IsMethod ? "  " : "") + row.Name,
        Stmts => $"{row.Counts.Statements}",
        Miss => $"{row.Counts.Missed}",
        Branch => $"{row.Counts.Branches}",
        BrPart => $"{row.Counts.PartialBranches}",
        _ when IsPercent(column) && row.IsMethod && row.Counts.Statements + row.Counts.Branches == 0 => NothingCounted,
        Cover => CoverFormat.Number(row.Counts.Percent, precision),
        LinePercent => CoverFormat.Number(row.Counts.LinePercent, precision),
        BranchPercent => CoverFormat.Number(row.Counts.BranchPercent, precision),
        _ => row.Missing,
    };

    /// <summary>A percentage cell as drawn: its figure and '%', or <see cref="NothingCounted"/> alone.</summary>
    internal static string WithPercentSign(string cell) => cell == NothingCounted ? cell : cell + "%";
}
