using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// An <c>or</c> of constants too far apart for a range check or a jump table
/// (<c>c is '−' or '-' or '+' or '†' or '‡'</c>) compiles to a binary search: the compiler
/// first splits the values by one of them, then compares each on its side:
/// <code>
///     ldarg c; ldc 45; bgt.un HI               (c above '-': the split)
///     ldarg c; ldc 43; beq T; ldarg c; ldc 45; beq T; br F
/// HI: ldarg c; ldc 8224; beq T; ...; ldarg c; ldc 8722; bne.un F
/// </code>
/// The split tests no constant the user wrote (<c>c &gt; '-'</c> is no operand of the pattern),
/// and both its ways go on to the pattern's own compares: it is the compiler's search, no
/// decision of the user's. Left, it made the statement one test more than its operands, and every
/// outcome kept the jump form; without it, each compare is named by its constant as an <c>or</c>
/// tested in another order is (docs/annotations.md). Only in a statement whose source is that
/// <c>or</c> alone (a user's <c>c &gt; '-' ? ... : ...</c> is a condition of its own).
/// </summary>
public sealed class OrConstantSearchFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var branch in method.Instructions)
        {
            if (!IsOrderedCompare(branch) || output.IsBranchIgnored(branch) || branch.Previous?.Previous is not { } load || !VariableLoads.IsLocalOrArgument(load)
                || !StartsCompareOf(branch.Next, load) || !StartsCompareOf((Instruction)branch.Operand, load)
                || method.StatementOf(branch) is not { } statement || !OrOfConstants.Is(method, statement))
                continue;
            output.IgnoreBranch(branch);
        }
    }

    /// <summary><c>v; ldc K; b(gt|ge|lt|le)[.un] L</c>.</summary>
    private static bool IsOrderedCompare(Instruction branch) =>
        branch.OpCode.Code is Code.Bgt or Code.Bgt_S or Code.Bgt_Un or Code.Bgt_Un_S or Code.Bge or Code.Bge_S or Code.Bge_Un or Code.Bge_Un_S
            or Code.Blt or Code.Blt_S or Code.Blt_Un or Code.Blt_Un_S or Code.Ble or Code.Ble_S or Code.Ble_Un or Code.Ble_Un_S
        && branch.Previous is { } constant && ShortForms.Int32ConstantOf(constant) is not null;

    /// <summary>Whether the code at <paramref name="at"/> (through <c>nop</c>s and jumps)
    /// compares the value <paramref name="load"/> loads with a constant again.</summary>
    private static bool StartsCompareOf(Instruction? at, Instruction load)
    {
        for (var steps = 0; at is not null && steps < 8 && (at.OpCode.Code == Code.Nop || at.OpCode.FlowControl == FlowControl.Branch); steps++)
            at = at.OpCode.Code == Code.Nop ? at.Next : at.Operand as Instruction;
        return at is not null && at.OpCode == load.OpCode && Equals(at.Operand, load.Operand)
            && at.Next is { } constant && ShortForms.Int32ConstantOf(constant) is not null
            && constant.Next is { } next && (next.OpCode.FlowControl == FlowControl.Cond_Branch || next.OpCode.Code == Code.Sub);
    }
}
