using FlowCover.Reporting;

namespace FlowCover.Tests.Validation;

/// <summary>
/// BuildsAgreeTests' rule for a wrong outcome count the two builds' labels would hide: on one
/// line, run on the same inputs, an outcome the source names takes the same runs in either build.
/// So a name with other counts in the two builds' decisions is a wrong count in one build,
/// whatever else the labels say.
/// </summary>
internal static class NamedCounts
{
    /// <summary>
    /// Labels that say what kind of outcome it is but not which condition: on a line whose
    /// decision is one condition they are the whole name, but where a build also names operands
    /// or keeps the jump form they mark a piece the other build may split, fold or leave
    /// unnamed (a value probe of an unnamed operand, a pattern's null test), and several such
    /// pieces on one line share the label. Two counts, or two of them, are then no proof of a
    /// wrong count; where both builds have the same labels, OUTCOME-COUNT sees their counts,
    /// unless they are all the line has (<see cref="WholeDecision"/>).
    /// </summary>
    private static readonly HashSet<string> Unnamed = ["true", "false", "null", "not null", "property matched", "property not matched"];

    /// <summary>
    /// Why the two builds' outcomes of one line cannot both be right by their names, or null:
    /// a name in both builds whose counts differ, or a name twice in one build the other does not
    /// have (the contract gives a decision one <c>no case matched</c>). A name may be on a line
    /// more than once where the source repeats an operand (<c>f || q ? f || q : x</c>); then the
    /// same runs give the same counts, in any order, so each name's counts are compared as a set.
    /// The jump form (<c>the jump to line N</c>, <c>going on to line N</c>) is no name: it counts
    /// an edge of the IL, and the builds' IL has other edges, so its counts may differ honestly.
    /// </summary>
    public static string? Wrong(IReadOnlyList<OutcomeResult> debug, IReadOnlyList<OutcomeResult> release)
    {
        var reasons = new List<string>();
        var whole = WholeDecision(debug) && WholeDecision(release)
            && debug.Select(o => o.Label).ToHashSet().SetEquals(release.Select(o => o.Label));
        var inDebug = ByName(debug, whole);
        var inRelease = ByName(release, whole);
        foreach (var name in inDebug.Keys.Union(inRelease.Keys).Order(StringComparer.Ordinal))
        {
            var d = inDebug.GetValueOrDefault(name, []);
            var r = inRelease.GetValueOrDefault(name, []);
            if (d.Count > 0 && r.Count > 0 && !d.SequenceEqual(r))
                reasons.Add($"`{name}` Release {string.Join(" and ", r)}, Debug {string.Join(" and ", d)}");
            else if (d.Count + r.Count > 1 && (d.Count == 0 || r.Count == 0))
                reasons.Add($"{(d.Count > 0 ? "Debug" : "Release")} has `{name}` {d.Count + r.Count} times");
        }
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    /// <summary>
    /// Whether the outcomes are one condition's, named by their kind only (<c>true</c> and
    /// <c>false</c>, <c>null</c> and <c>not null</c>): every label unnamed, none twice, and no
    /// jump form. Where both builds have such outcomes with the same labels, no piece is split,
    /// folded or left unnamed in one of them: the labels are the whole name, and their counts
    /// must agree as a name's would (<c>if (arr is [_, ..])</c>, <c>true 4; false 1</c>).
    /// </summary>
    private static bool WholeDecision(IReadOnlyList<OutcomeResult> outcomes) =>
        outcomes.Count > 0 && outcomes.All(o => Unnamed.Contains(o.Label)) && outcomes.Select(o => o.Label).Distinct().Count() == outcomes.Count;

    /// <summary>Each name's counts, in order; with <paramref name="whole"/>, every label is a name.</summary>
    private static Dictionary<string, List<long>> ByName(IReadOnlyList<OutcomeResult> outcomes, bool whole) =>
        outcomes.Where(o => whole || Names(o.Label)).GroupBy(o => o.Label).ToDictionary(g => g.Key, g => g.Select(o => o.Hits).Order().ToList());

    private static bool Names(string label) =>
        !label.StartsWith("the jump to ", StringComparison.Ordinal) && !label.StartsWith("going on to ", StringComparison.Ordinal) && !Unnamed.Contains(label);
}
