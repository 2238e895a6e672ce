using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// The bound a relational branch compares with (<c>v; ldc 0x1100; blt</c>): the constant pushed
/// right before it. A pattern's relation (<c>is &gt;= 0x1100</c>) is tested by such a branch on
/// its own bound; a test of another bound is another condition's, or the compiler's split of a
/// binary search (docs/annotations.md, "How reports name an outcome").
/// </summary>
internal static class RelationBound
{
    /// <summary>The constant <paramref name="branch"/> compares with; null when it is no relational
    /// branch on a 32-bit constant.</summary>
    public static long? Of(Instruction branch) =>
        branch.OpCode.Code is Code.Blt or Code.Blt_S or Code.Blt_Un or Code.Blt_Un_S or Code.Ble or Code.Ble_S or Code.Ble_Un or Code.Ble_Un_S
            or Code.Bgt or Code.Bgt_S or Code.Bgt_Un or Code.Bgt_Un_S or Code.Bge or Code.Bge_S or Code.Bge_Un or Code.Bge_Un_S
            && branch.Previous is { } constant
            ? ShortForms.Int32ConstantOf(constant)
            : null;
}
