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
/// <para>
/// A jump names where execution goes, and several outcomes of one line may go to the same place
/// (each operand of <c>a &amp;&amp; b</c> false goes to the <c>else</c>; both ways of a one-line
/// <c>return x ?? y;</c> leave the method). When another outcome of the line went there, the jump
/// did happen, and <c>24->28</c> or <c>40->exit</c> would name something that ran: the outcome is
/// named by its label instead, <c>40:null</c>, <c>24:a false</c>. A bare <c>true</c>/<c>false</c>
/// is the value a branch instruction tested, which for a comparison the compiler folded
/// (<c>n == 0</c> compiled as a test of <c>n</c>) is the opposite of the condition written: such
/// an outcome keeps its jump, as coverage.py would write it, rather than a label that can invert
/// what ran.
/// </para>
/// </remarks>
public static class MissingLines
{
    public static string Format(IReadOnlyList<LineResult> lines)
    {
        var missed = lines.Where(l => !l.Covered).Select(l => l.Line).ToHashSet();
        var items = LineRanges.Of(lines.Select(l => l.Line), missed).ToList();
        foreach (var line in lines.Where(l => l.Covered && l.Partial))
        {
            var reached = line.Outcomes.Where(o => o.Hits > 0).Select(o => o.TargetLine).ToHashSet();
            foreach (var outcome in line.Outcomes.Where(o => o.Hits == 0 && !missed.Contains(o.TargetLine)))
                items.Add((line.Line, reached.Contains(outcome.TargetLine) && outcome.Label is not ("true" or "false")
                    ? $"{line.Line}:{outcome.Label}"
                    : $"{line.Line}->{(outcome.TargetLine > 0 ? outcome.TargetLine.ToString() : "exit")}"));
        }
        return string.Join(", ", items.Distinct().OrderBy(i => i.Start).ThenBy(i => i.Text, StringComparer.Ordinal).Select(i => i.Text));
    }
}
