using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation;

/// <summary>What will be probed in one method body, after the filters had their say.</summary>
internal sealed record MethodPlan(IReadOnlyList<LineSite> Lines, IReadOnlyList<BranchSite> Branches)
{
    public bool IsEmpty => Lines.Count == 0 && Branches.Count == 0;
}

/// <summary>A statement: probe before <paramref name="At"/>, count for <paramref name="Line"/>.</summary>
internal sealed record LineSite(Instruction At, int Line, string Document);

/// <summary>A decision: one entry per outcome, each a set of edges of <paramref name="Branch"/>
/// (0 = fall-through, k+1 = taken edge or switch entry k) that share a probe. For a value
/// site, <paramref name="Branch"/> is where a boolean on the stack is probed: edge 0 false,
/// edge 1 true.</summary>
internal sealed record BranchSite(Instruction Branch, int Line, IReadOnlyList<OutcomeSite> Outcomes, bool IsValue = false);

internal sealed record OutcomeSite(IReadOnlyList<int> Edges, string Label, int TargetLine);
