using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// Debug builds of switch expressions open and close with <c>ldc.i4.1; brtrue.s</c>, a branch
/// on a constant that always goes one way (a place for the debugger to stop). A branch whose
/// operand is a constant has one possible outcome and is no decision.
/// </summary>
public sealed class ConstantConditionFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var branch in method.Instructions)
            if (branch.OpCode.Code is Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S
                && branch.Previous?.OpCode.Code is Code.Ldc_I4 or Code.Ldc_I4_S or >= Code.Ldc_I4_M1 and <= Code.Ldc_I4_8)
                output.IgnoreBranch(branch);
    }
}
