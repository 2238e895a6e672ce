namespace FlowCover.Reporting;

/// <summary>
/// The Missing column, as coverage.py's <c>format_lines</c> writes it: missed statements as
/// ranges (<c>12-14, 20</c>) and, for each untaken outcome of a decision whose line ran, the
/// jump that never happened (<c>20->22</c>, or <c>20->exit</c> when it leaves the method).
/// </summary>
/// <remarks>
/// Like coverage.py, a jump is left out when its target is itself a missed line: <c>12-13</c>
/// already says that nothing went there, and <c>11->12, 12-13</c> would say it twice. Entries are
/// ordered by their first line, then by text, which is coverage.py's <c>sorted(line_items)</c>.
/// </remarks>
public static class MissingLines
{
    public static string Format(IReadOnlyList<LineResult> lines)
    {
        var missed = lines.Where(l => !l.Covered).Select(l => l.Line).ToHashSet();
        var items = LineRanges.Of(lines.Select(l => l.Line), missed).ToList();
        foreach (var line in lines.Where(l => l.Covered && l.Partial))
        {
            var targets = line.Outcomes.Where(o => o.Hits == 0).Select(o => o.TargetLine).Distinct()
                .Where(target => !missed.Contains(target));
            items.AddRange(targets.Select(target => (line.Line, $"{line.Line}->{(target > 0 ? target.ToString() : "exit")}")));
        }
        return string.Join(", ", items.OrderBy(i => i.Start).ThenBy(i => i.Text, StringComparer.Ordinal).Select(i => i.Text));
    }
}
