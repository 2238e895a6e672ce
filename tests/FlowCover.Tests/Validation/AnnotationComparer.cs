using FlowCover.Reporting;

namespace FlowCover.Tests.Validation;

/// <summary>
/// Lists every way a file's measured coverage differs from its annotations, in words a person
/// fixing a filter can act on (one line per difference).
/// </summary>
public static class AnnotationComparer
{
    public static IReadOnlyList<string> Differences(IReadOnlyList<LineExpectation> expected, FileResult? actual)
    {
        var measured = actual?.Lines.ToDictionary(l => l.Line) ?? [];
        var differences = new List<string>();
        foreach (var line in expected)
        {
            if (!measured.Remove(line.Line, out var result))
            {
                differences.Add($"line {line.Line}: expected a statement ({(line.Hit ? "hit" : "miss")}), tool reports no statement");
                continue;
            }
            if (result.Covered != line.Hit)
                differences.Add($"line {line.Line}: expected {(line.Hit ? "hit" : "miss")}, tool reports {(result.Covered ? "hit" : "miss")}");
            var (taken, total) = (line.BranchesTaken ?? 0, line.Branches ?? 0);
            if (result.TakenOutcomes != taken || result.Outcomes.Count != total)
                differences.Add($"line {line.Line}: expected br={taken}/{total}, tool reports br={result.TakenOutcomes}/{result.Outcomes.Count}" +
                    (result.Outcomes.Count > 0 ? $" [{string.Join(", ", result.Outcomes.Select(o => $"{o.Label}->{o.TargetLine}:{o.Hits}"))}]" : ""));
        }
        foreach (var extra in measured.Values.OrderBy(l => l.Line))
            differences.Add($"line {extra.Line}: not a line per annotations, tool reports a statement ({(extra.Covered ? "hit" : "miss")}, br={extra.TakenOutcomes}/{extra.Outcomes.Count})");
        return differences;
    }
}
