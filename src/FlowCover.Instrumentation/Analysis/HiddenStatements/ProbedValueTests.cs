using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Release: an <c>if</c> testing a boolean a statement before it kept (<c>var b = o is string;
/// if (b) t += 5;</c>) branches on the value as it is computed, and the kept value's probe
/// (<see cref="StackValueProbe"/>) reads it on the stack before that same branch. That probe runs
/// before the branch and leaves its edges as they are, so an edge of it that is by itself an
/// outcome of the <c>if</c> counts the <c>if</c> going that way, as any test's edge does: the
/// jump-after-if rule (<see cref="JumpAfterIfLines"/>) may count a jump on it. Any other value
/// probe on a branch (on its fall-through, or one rewriting it) keeps the rule off.
/// </summary>
internal static class ProbedValueTests
{
    /// <summary>Whether <paramref name="edge"/>, out of a branch a value probe is at, is an
    /// outcome of its own of a test (a decision probed on edges) and each value probe at the
    /// branch reads the value before it.</summary>
    public static bool CountsOnEdge(List<BranchSite> branches, EdgeRef edge) =>
        branches.Where(b => b.Value?.At == edge.Branch).All(b => b.Value is StackValueProbe { AlsoFalse.Count: 0 })
        && branches.Any(b => b.Value is null && b.Outcomes.Any(o => o.Edges is [var only] && only == edge));
}
