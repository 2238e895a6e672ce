namespace FlowCover.Reporting;

/// <summary>
/// The Missing column: missed statements as ranges (<c>12-14, 20</c>) and, for lines that ran
/// but left outcomes untaken, coverage.py's partial-branch notes (<c>20->22</c>,
/// <c>20->exit</c>), all in line order. A range spans missed statements with no executed
/// statement between them; blank lines and braces in between do not break it.
/// </summary>
public static class MissingLines
{
    public static string Format(IReadOnlyList<LineResult> lines)
    {
        var parts = new List<(int Line, string Text)>();
        int? start = null, end = null;
        foreach (var line in lines)
        {
            if (!line.Covered)
            {
                start ??= line.Line;
                end = line.Line;
                continue;
            }
            Flush();
            if (line.Partial)
                foreach (var target in line.Outcomes.Where(o => o.Hits == 0).Select(o => o.TargetLine).Distinct().Order())
                    parts.Add((line.Line, $"{line.Line}->{(target == 0 ? "exit" : target.ToString())}"));
        }
        Flush();
        return string.Join(", ", parts.OrderBy(p => p.Line).Select(p => p.Text));

        void Flush()
        {
            if (start is { } s && end is { } e)
                parts.Add((s, s == e ? s.ToString() : $"{s}-{e}"));
            start = end = null;
        }
    }
}
