namespace FlowCover.Reporting.Html;

/// <summary>
/// A partial line explained in words, from the outcomes' labels: "2 of 3 outcomes taken: false
/// never happened". A number alone (BrPart 1) sends the reader hunting for which way the code
/// never went; the label names it.
/// </summary>
public static class BranchExplanation
{
    /// <summary>The explanation of a line that ran but left outcomes untaken; null otherwise
    /// (a missed line says enough by being missed).</summary>
    public static string? Describe(LineResult line)
    {
        if (!line.Covered || !line.Partial)
            return null;
        var untaken = line.Outcomes.Where(o => o.Hits == 0)
            .GroupBy(o => o.Label)
            .Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ({g.Count()} times)")
            .ToList();
        var outcomes = line.Outcomes.Count == 1 ? "outcome" : "outcomes";
        return $"{line.TakenOutcomes} of {line.Outcomes.Count} {outcomes} taken: {Join(untaken)} never happened";
    }

    /// <summary>Every outcome with its count, for a tooltip: "true → line 12: 0; false → line 14: 3".</summary>
    public static string Detail(LineResult line) =>
        string.Join("; ", line.Outcomes.Select(o => $"{o.Label} → {(o.TargetLine > 0 ? $"line {o.TargetLine}" : "exit")}: {o.Hits}"));

    private static string Join(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];
}
