namespace FlowCover.Reporting;

/// <summary>
/// The method rows of a file in the table (<c>--methods</c>), which add up to the file's row:
/// statements, misses, branches and partial branches. The file counts a line once (coverage.py's
/// statement is a line), so a line two methods share (a lambda written on its caller's line,
/// <c>items.Select(x =&gt; x.Id)</c>) counts in one row only: the method that starts first (the
/// one that encloses the other; of a lambda and a method starting on one line, the method). The
/// line's figures are the file's: it ran when any statement on it ran.
/// A decision counts in the row of the method that makes it, wherever its line counts, and is
/// partial when its line ran and an outcome did not, as in the file's row.
/// </summary>
/// <remarks>
/// A method's own figures, what each of its statements did, stay in <see cref="MethodResult"/>:
/// the HTML, JSON, Cobertura and LCOV reports show those.
/// </remarks>
internal static class MethodRows
{
    /// <summary>One row per method of <paramref name="file"/>, in the file's method order, with
    /// the lines its Missing cell is made from.</summary>
    public static IReadOnlyList<(MethodResult Method, Counts Counts, IReadOnlyList<LineResult> Lines)> Of(FileResult file)
    {
        var fileLines = file.Lines.ToDictionary(l => l.Line);
        var owner = new Dictionary<int, MethodResult>();
        foreach (var method in file.Methods.OrderBy(m => m.FirstLine).ThenBy(IsLambda).ThenBy(m => m.Name, HumanOrder.Instance))
            foreach (var line in method.Lines)
                owner.TryAdd(line.Line, method);
        return file.Methods.Select(method =>
        {
            var counted = method.Lines.Where(l => ReferenceEquals(owner[l.Line], method)).Select(l => AsRun(l, fileLines[l.Line])).ToList();
            // Lines another row counts, where this method's decisions are: partial only if the line ran.
            var decisions = method.Lines.Where(l => !ReferenceEquals(owner[l.Line], method) && l.Outcomes.Count > 0).Select(l => AsRun(l, fileLines[l.Line])).ToList();
            var all = counted.Concat(decisions).ToList();
            var counts = new Counts(
                counted.Count,
                counted.Count(l => !l.Covered),
                all.Sum(l => l.Outcomes.Count),
                all.Where(l => l.Partial).Sum(l => l.Outcomes.Count - l.TakenOutcomes),
                all.Sum(l => l.Outcomes.Count - l.TakenOutcomes));
            IReadOnlyList<LineResult> lines = counted.Concat(decisions.Where(l => l.Covered)).OrderBy(l => l.Line).ToList();
            return (method, counts, lines);
        }).ToList();
    }

    /// <summary>The method's line with the file's hits: ran when any statement on it ran.</summary>
    private static LineResult AsRun(LineResult own, LineResult merged) => own with { Hits = merged.Hits };

    /// <summary>A lambda, by the name docs/annotations.md gives it (<c>Type.Method (lambda at line N)</c>).</summary>
    private static bool IsLambda(MethodResult method) => method.Name.Contains(" (lambda ", StringComparison.Ordinal);
}
