using FlowCover.Data;
using FlowCover.Instrumentation.Probes;
using Mono.Cecil;

namespace FlowCover.Instrumentation.Model;

/// <summary>
/// Merges the copies of one statement that several constructors of a method entry compile: C#
/// compiles each field and property initializer into every instance constructor that does not
/// call <c>this(...)</c>, with the same sequence point (the same span of the same file) in each,
/// and the model records a type's constructors as one method. A line is a copy when a later
/// constructor has it with exactly the spans the first constructor that had it had (none in
/// both: an initializer to a default value, which Release compiles to nothing and the model reads
/// from the next one's probe); constructors written on one line have spans of their own.
/// <para>
/// Count mode: each copy's probe counts the runs through that constructor, so the line's count is
/// their sum (<see cref="LineProbe.Sum"/>), and each outcome of a decision in it likewise
/// (<see cref="BranchOutcome.Sum"/>). Only where each copy's line is one probe (one statement) and
/// the decisions match label for label; otherwise the line stays the largest of its probes, as for
/// different statements (docs/annotations.md, "Exact counts", says where). Set mode: a line is
/// run when any copy ran, which the largest is already; the copies' outcomes are merged into one
/// of each, taken when any copy's was.
/// </para>
/// </summary>
internal sealed class CopiedStatements(CoverageMode mode)
{
    private readonly record struct Span(int StartLine, int StartColumn, int EndLine, int EndColumn);

    // Per method entry and line: the constructor body that first had the line, and its spans there.
    private readonly Dictionary<(string Type, string Name, int Document, int Line), (MethodDefinition Body, HashSet<Span> Spans)> _first = [];

    /// <summary>Adds <paramref name="part"/>, of <paramref name="body"/>, to its method entry's
    /// <paramref name="lines"/> and <paramref name="branches"/> (empty for a new entry), merging
    /// the lines that copy a statement another constructor of the entry has there.</summary>
    public void Add(MethodDefinition body, (string Type, string Name, int Document) key, BodyPart part, List<LineProbe> lines, List<BranchPoint> branches)
    {
        if (!body.IsConstructor || body.IsStatic)
        {
            lines.AddRange(part.Lines);
            branches.AddRange(part.Branches);
            return;
        }
        var spans = SpansByLine(body, part);
        var copies = new HashSet<int>();
        foreach (var (line, own) in spans)
        {
            var at = (key.Type, key.Name, key.Document, line);
            if (!_first.TryGetValue(at, out var first))
                _first[at] = (body, own);
            else if (first.Body != body && first.Spans.SetEquals(own))
                copies.Add(line);
        }
        foreach (var line in part.Lines)
            if (!copies.Contains(line.Line) || !MergeLine(lines, line))
                lines.Add(line);
        foreach (var line in copies)
            MergeBranches(branches, part.Branches.Where(b => b.Line == line).ToList(), line);
        branches.AddRange(part.Branches.Where(b => !copies.Contains(b.Line)));
    }

    /// <summary>The spans of <paramref name="body"/>'s sequence points on each line of
    /// <paramref name="part"/> (none for a line the model reads without a point of its own).</summary>
    private static Dictionary<int, HashSet<Span>> SpansByLine(MethodDefinition body, BodyPart part)
    {
        var spans = new Dictionary<int, HashSet<Span>>();
        foreach (var line in part.Lines)
            spans.TryAdd(line.Line, []);
        foreach (var point in body.DebugInformation.SequencePoints)
            if (!point.IsHidden && point.Document.Url == part.Document && spans.TryGetValue(point.StartLine, out var onLine))
                onLine.Add(new Span(point.StartLine, point.StartColumn, point.EndLine, point.EndColumn));
        return spans;
    }

    /// <summary>Merges a copy's line into the one line entry the earlier copies made; false (to
    /// add it as a line of its own, read as the largest) where either is not one statement's.</summary>
    private bool MergeLine(List<LineProbe> lines, LineProbe copy)
    {
        if (mode != CoverageMode.Count)
            return false;
        var index = -1;
        for (var k = 0; k < lines.Count; k++)
            if (lines[k].Line == copy.Line)
            {
                if (index >= 0)
                    return false;
                index = k;
            }
        if (index < 0 || copy.Probes.Count != 1 || lines[index].Probes.Count != 1 && !lines[index].Sum)
            return false;
        lines[index] = new LineProbe(copy.Line, ProbeList.Create([.. lines[index].Probes, .. copy.Probes])) { Sum = true };
        return true;
    }

    /// <summary>Merges a copy's decisions on <paramref name="line"/> into the earlier copies',
    /// outcome by outcome; adds them as they are where they do not match. An outcome's next line
    /// is each constructor's own statement after the initializers: where the copies' differ, it is
    /// not one line (0).</summary>
    private void MergeBranches(List<BranchPoint> branches, List<BranchPoint> copy, int line)
    {
        var earlier = new List<int>();
        for (var k = 0; k < branches.Count; k++)
            if (branches[k].Line == line)
                earlier.Add(k);
        var match = earlier.Count == copy.Count;
        for (var k = 0; k < copy.Count && match; k++)
            match = Mergeable(branches[earlier[k]].Outcomes, copy[k].Outcomes);
        if (!match)
        {
            branches.AddRange(copy);
            return;
        }
        for (var k = 0; k < copy.Count; k++)
        {
            var outcomes = branches[earlier[k]].Outcomes.Zip(copy[k].Outcomes, (a, b) =>
                new BranchOutcome(ProbeList.Create([.. a.Probes, .. b.Probes]), a.Label, a.TargetLine == b.TargetLine ? a.TargetLine : 0) { Sum = mode == CoverageMode.Count }).ToList();
            branches[earlier[k]] = branches[earlier[k]] with { Outcomes = outcomes };
        }
    }

    /// <summary>Whether two copies of a decision have the same outcomes, in order, each (in count
    /// mode) one probe or a sum of probes: a sum of the two is then the outcome's count.</summary>
    private bool Mergeable(IReadOnlyList<BranchOutcome> earlier, IReadOnlyList<BranchOutcome> copy)
    {
        if (earlier.Count != copy.Count)
            return false;
        for (var k = 0; k < earlier.Count; k++)
        {
            if (!string.Equals(earlier[k].Label, copy[k].Label, StringComparison.Ordinal))
                return false;
            if (mode == CoverageMode.Count && (earlier[k].Probes.Count != 1 && !earlier[k].Sum || copy[k].Probes.Count != 1 && !copy[k].Sum))
                return false;
        }
        return true;
    }
}
