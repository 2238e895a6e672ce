using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// What filters decide about a method, in six verbs: statements that are not lines
/// (<see cref="IgnoreLine"/>), branch instructions that are not decisions
/// (<see cref="IgnoreBranch"/>, <see cref="Ignore"/> for both over a range), decisions probed
/// on a value (<see cref="ProbeValue"/>), decisions spread over several branches
/// (<see cref="AddDecision"/>) and statements the PDB does not show (<see cref="AddLine"/>).
/// <see cref="MethodAnalyzer"/> reads the rest. What is ignored is kept
/// by instruction position: every filter asks about every instruction, and hashing each
/// instruction object for a set would cost more than the filters' own work.
/// </summary>
public sealed class FilterOutput(MethodContext method)
{
    private readonly bool[] _ignoredLines = new bool[method.Instructions.Length];
    private readonly bool[] _ignoredBranches = new bool[method.Instructions.Length];
    private readonly List<ValueProbe> _valueProbes = [];
    private readonly List<FilteredDecision> _decisions = [];
    private readonly List<AddedLine> _addedLines = [];

    /// <summary>The sequence point starting at <paramref name="pointStart"/> is not a line.</summary>
    public void IgnoreLine(Instruction pointStart) => _ignoredLines[method.IndexOf(pointStart)] = true;

    /// <summary>The conditional branch or switch is compiler plumbing, not a decision.</summary>
    public void IgnoreBranch(Instruction branch) => _ignoredBranches[method.IndexOf(branch)] = true;

    /// <summary>Everything from <paramref name="first"/> to <paramref name="last"/> (inclusive) is
    /// the compiler's: no lines start there and no branch there is a decision.</summary>
    public void Ignore(Instruction first, Instruction last)
    {
        for (var i = method.IndexOf(first); i <= method.IndexOf(last); i++)
            _ignoredLines[i] = _ignoredBranches[i] = true;
    }

    /// <summary>
    /// A decision probed on a value rather than an edge (see <see cref="ValueProbe"/>'s kinds),
    /// replacing <paramref name="insteadOf"/>, the branch that only tests a combination of it.
    /// </summary>
    public void ProbeValue(ValueProbe probe, Instruction? insteadOf = null)
    {
        if (insteadOf is not null)
            IgnoreBranch(insteadOf);
        _valueProbes.Add(probe);
    }

    /// <summary>
    /// A decision spread over several branch instructions (a switch dispatch): each outcome is
    /// the set of edges that lead to it; edges named in no outcome are internal and unprobed.
    /// The branches involved, including <paramref name="internalBranches"/> that only lead to
    /// each other, are no longer decisions of their own.
    /// </summary>
    public void AddDecision(int line, IReadOnlyList<FilteredOutcome> outcomes, IEnumerable<Instruction>? internalBranches = null)
    {
        foreach (var branch in outcomes.SelectMany(o => o.Edges).Select(e => e.Branch).Concat(internalBranches ?? []))
            IgnoreBranch(branch);
        _decisions.Add(new FilteredDecision(line, outcomes));
    }

    internal IReadOnlyList<FilteredDecision> Decisions => _decisions;

    /// <summary>A statement the PDB has no visible point for (Release drops a <c>switch</c>
    /// header's): count <paramref name="line"/> when <paramref name="at"/> runs.</summary>
    public void AddLine(Instruction at, int line) => _addedLines.Add(new AddedLine(at, line));

    internal IReadOnlyList<AddedLine> AddedLines => _addedLines;

    internal IReadOnlyList<ValueProbe> ValueProbes => _valueProbes;

    /// <summary>The value probes at instructions <paramref name="from"/> to <paramref name="to"/>
    /// (by index) count on <paramref name="line"/>: a condition inside a larger statement whose
    /// first line owns it (a switch arm's <c>when</c>).</summary>
    internal void MoveValueProbes(int from, int to, int line)
    {
        for (var k = 0; k < _valueProbes.Count; k++)
            if (method.IndexOf(_valueProbes[k].At) is var i && i >= from && i <= to)
                _valueProbes[k] = _valueProbes[k] with { Line = line };
    }

    internal bool IsLineIgnored(Instruction pointStart) => _ignoredLines[method.IndexOf(pointStart)];
    internal bool IsBranchIgnored(Instruction branch) => _ignoredBranches[method.IndexOf(branch)];
}

/// <summary>A decision a filter assembled from several branches (<see cref="FilterOutput.AddDecision"/>).</summary>
public sealed record FilteredDecision(int Line, IReadOnlyList<FilteredOutcome> Outcomes);

/// <summary>One outcome of a <see cref="FilteredDecision"/>: the edges that lead to it, what a
/// report calls it, and for a switch label's match, the value the IL compared with
/// (<see cref="Analysis.SwitchLabelMatch"/>), by which a section's stacked labels are told apart.</summary>
public sealed record FilteredOutcome(IReadOnlyList<EdgeRef> Edges, string Label, SwitchLabelMatch? Matched = null);

/// <summary>A statement the PDB has no visible point for (<see cref="FilterOutput.AddLine"/>).</summary>
public sealed record AddedLine(Instruction At, int Line);
