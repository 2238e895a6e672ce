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
/// An untaken outcome is named by its label, <c>24:false</c>, <c>24:b false</c>, <c>40:null</c>,
/// <c>16:case 3</c>: the source's words for it (docs/annotations.md), which say what never
/// happened even where several outcomes of the line go to the same place (each operand of
/// <c>a &amp;&amp; b</c> false goes to the <c>else</c>; both ways of a one-line <c>return x ?? y;</c>
/// leave the method), where a jump would name something that ran. An outcome the source cannot
/// name keeps coverage.py's jump form, <c>24->28</c>, unless another outcome of the line went
/// there: then how many of the jump-form ways there never ran, <c>10:1 of 2 ways to exit not taken</c>.
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
            foreach (var outcome in line.Outcomes.Where(o => o.Hits == 0 && !missed.Contains(o.TargetLine)))
                items.Add((line.Line, !IsJumpForm(outcome.Label) ? $"{line.Line}:{outcome.Label}"
                    : line.Outcomes.Any(o => o.TargetLine == outcome.TargetLine && o.Hits > 0) ? WaysNotTaken(line, outcome.TargetLine)
                    : $"{line.Line}->{Where(outcome.TargetLine)}"));
        }
        return string.Join(", ", items.Distinct().OrderBy(i => i.Start).ThenBy(i => i.Text, StringComparer.Ordinal).Select(i => i.Text));
    }

    /// <summary>The untaken jump-form outcomes of <paramref name="line"/> that go to
    /// <paramref name="target"/> where another outcome went there: <c>10:1 of 2 ways to exit not
    /// taken</c>. coverage.py's <c>10->exit</c> would say the method was never left from line 10,
    /// and it was (every outcome of <c>=&gt; x is [] or null</c> leaves the method); the jump form
    /// cannot say which way it was, only how many of them never ran (or, the one jump-form way
    /// there, its label: <c>7:the jump to the method's exit</c> beside a source-named outcome that
    /// left).</summary>
    private static string WaysNotTaken(LineResult line, int target)
    {
        var ways = line.Outcomes.Where(o => o.TargetLine == target && IsJumpForm(o.Label)).ToList();
        return ways is [var only] ? $"{line.Line}:{only.Label}"
            : $"{line.Line}:{ways.Count(o => o.Hits == 0)} of {ways.Count} ways to {(target > 0 ? $"line {target}" : "exit")} not taken";
    }

    private static string Where(int target) => target > 0 ? target.ToString() : "exit";

    /// <summary>Whether a label is the jump form the instrumenter gives an outcome the source
    /// cannot name (<c>the jump to line 16</c>, <c>going on to the method's exit</c>).</summary>
    public static bool IsJumpForm(string label) =>
        label.StartsWith("the jump to ", StringComparison.Ordinal) || label.StartsWith("going on to ", StringComparison.Ordinal);
}
