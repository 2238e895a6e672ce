namespace FlowCover.Reporting;

/// <summary>
/// Line numbers as ranges the way coverage.py writes them (<c>12-14, 20</c>). A range runs over
/// consecutive <em>statements</em>, not consecutive numbers: blank lines, braces and comments
/// between two listed statements do not break it, so a missed block reads as one range.
/// </summary>
public static class LineRanges
{
    /// <summary>The ranges of <paramref name="lines"/> (a subset of <paramref name="statements"/>),
    /// each with the line it starts on, in line order.</summary>
    public static IReadOnlyList<(int Start, string Text)> Of(IEnumerable<int> statements, IEnumerable<int> lines)
    {
        var wanted = lines.ToHashSet();
        var ranges = new List<(int, string)>();
        int? start = null, end = null;
        foreach (var statement in statements.Distinct().Order())
        {
            if (wanted.Contains(statement))
            {
                start ??= statement;
                end = statement;
            }
            else
            {
                Flush();
            }
        }
        Flush();
        return ranges;

        void Flush()
        {
            if (start is { } s && end is { } e)
                ranges.Add((s, s == e ? $"{s}" : $"{s}-{e}"));
            start = end = null;
        }
    }

    /// <summary>The ranges joined with commas: <c>12-14, 20</c>.</summary>
    public static string Format(IEnumerable<int> statements, IEnumerable<int> lines) =>
        string.Join(", ", Of(statements, lines).Select(r => r.Text));
}
