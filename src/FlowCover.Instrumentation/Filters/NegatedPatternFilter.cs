using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// A <c>not</c> over a pattern of several tests (<c>if (rates is not (null or []))</c>) compiles
/// to the inner pattern's tests storing its value as a constant on each path, then, in Debug, that
/// value negated into the <c>if</c>'s temporary, which a branch under a hidden point tests:
/// <code>
///     ldarg rates; brfalse T; ldarg rates; ldlen; conv.i4; stloc.0; ldloc.0; brfalse T; br F
/// T:  ldc.i4.1; stloc.1; br J
/// F:  ldc.i4.0; stloc.1
/// J:  ldloc.1; ldc.i4.0; ceq; stloc.2
///     ldloc.2; brfalse ELSE                      (hidden)
/// </code>
/// The last branch tests the negation of a value that is a constant on every path: the pattern's
/// own tests already decided it, so it is no decision of its own (a third test counted, 3/6,
/// where the user wrote two, 2/4). Release tests the stored value itself, with the branch's sense
/// inverted instead of a <c>ceq</c>, which <see cref="ConstantValueFilter"/> drops.
/// </summary>
public sealed class NegatedPatternFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var branch in method.Instructions)
        {
            if (branch.OpCode.Code is not (Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S) || output.IsBranchIgnored(branch)
                || NegatedValue(branch) is not { } negated)
                continue;
            if (!IsJumpTarget(method, negated.Next) && ConstantValueFilter.IsConstantAt(method, negated, branch))
                output.IgnoreBranch(branch);
        }
    }

    /// <summary>The value <c>v</c> of <c>v; ldc.i4.0; ceq; stloc X; ldloc X; branch</c>.</summary>
    private static Instruction? NegatedValue(Instruction branch) =>
        branch.Previous is { } load && LocalSlots.Loaded(load) is { } slot
        && load.Previous is { } store && LocalSlots.Stored(store) == slot
        && store.Previous is { OpCode.Code: Code.Ceq } ceq && ceq.Previous is { OpCode.Code: Code.Ldc_I4_0 } zero
            ? zero.Previous
            : null;

    /// <summary>Whether a jump lands in the negation (from <paramref name="from"/> to the branch),
    /// bringing a value of its own.</summary>
    private static bool IsJumpTarget(MethodContext method, Instruction from)
    {
        for (var at = from; at is not null && at.OpCode.FlowControl != FlowControl.Cond_Branch; at = at.Next)
            if (method.JumpsTo(at).Any())
                return true;
        return false;
    }
}
