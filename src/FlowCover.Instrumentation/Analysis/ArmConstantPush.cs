using FlowCover.Instrumentation.Il;
using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// The constant an edge pushes as a decision's value or a <c>?:</c>'s arm: <c>ldc</c> right
/// before where the value goes (a jump to the join, a return, a store, a test of it). A
/// decision's value is 0 or 1; a <c>?:</c>'s arm any number it writes (<c>(input &lt; 10) ? 0 :
/// (input &lt; 100) ? 1 : ... ? 8 : 9</c>: the true arm of each condition of the chain pushes
/// its own number, which <see cref="SourceDocument.ArmConstant"/> reads from the source).
/// </summary>
internal static class ArmConstantPush
{
    public static int? Of(Instruction at, DecisionKind kind)
    {
        if ((kind == DecisionKind.Conditional ? ShortForms.Int32ConstantOf(at) : at.OpCode.Code is Code.Ldc_I4_0 ? 0 : at.OpCode.Code is Code.Ldc_I4_1 ? 1 : null) is not { } pushed
            || at.Next is not { } after)
            return null;
        return after.OpCode.FlowControl is FlowControl.Branch or FlowControl.Return || LocalSlots.Stored(after) is not null
            || after.OpCode.Code is Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S
            ? pushed
            : null;
    }
}
