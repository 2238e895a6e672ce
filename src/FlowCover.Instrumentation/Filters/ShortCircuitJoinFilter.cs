using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// <c>a || b</c> used as a value (always in Debug <c>if</c>s, which store the condition first)
/// compiles to a join: the path where <c>a</c> decided pushes a constant, the path that
/// evaluated <c>b</c> pushes its value, and one branch tests the merged result:
/// <code>
///     ldarg a; brtrue L1; ldarg b; br L2
/// L1: ldc.i4.1
/// L2: stloc.0; ldloc.0; brfalse ELSE      (Release: L2: brfalse ELSE)
/// </code>
/// Counting that branch would credit <c>b</c> with an outcome whenever <c>a</c> short-circuited.
/// The branch's real outcomes are <c>b</c>'s, so <c>b</c>'s value is probed where it joins and
/// the merged branch is dropped: the same outcomes Release's direct branches give.
/// </summary>
public sealed class ShortCircuitJoinFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var branch in method.Instructions)
        {
            if (branch.OpCode.Code is not (Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S))
                continue;
            var join = JoinOf(branch);
            if (output.IsBranchIgnored(branch) || join?.Previous is not { } constant || !IsBooleanConstant(constant)
                || IsTargetOfIgnoredBranch(method, constant, output))
                continue; // A constant pushed after a compiler test (HasValue) is no user condition's outcome.
            var valuePaths = method.JumpsTo(join).ToList();
            if (valuePaths.Count == 0 || valuePaths.Any(p => p.Previous is { } v && IsBooleanConstant(v)))
                continue;
            foreach (var path in valuePaths)
                output.ProbeValue(new StackValueProbe(path), insteadOf: branch);
        }
    }

    /// <summary>Whether a branch the filters already ignored jumps to <paramref name="target"/>
    /// (kept out of the loop above, so its closure is not made for every instruction).</summary>
    private static bool IsTargetOfIgnoredBranch(MethodContext method, Instruction target, FilterOutput output) =>
        method.Instructions.Any(i => i.Operand == target && output.IsBranchIgnored(i));

    /// <summary>Where the tested value's paths meet: the branch itself, or the store of a
    /// temporary the branch reloads (<c>stloc X; ldloc X; br</c>).</summary>
    private static Instruction? JoinOf(Instruction branch)
    {
        if (branch.Previous is { } load && LocalSlots.Loaded(load) is { } slot
            && load.Previous is { } store && LocalSlots.Stored(store) == slot)
            return store;
        return branch;
    }

    private static bool IsBooleanConstant(Instruction instruction) => instruction.OpCode.Code is Code.Ldc_I4_0 or Code.Ldc_I4_1;
}
