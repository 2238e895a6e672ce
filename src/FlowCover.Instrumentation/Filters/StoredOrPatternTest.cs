using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// Debug's <c>m is 1 or 3 &amp;&amp; t &lt; 2</c> (or <c>||</c>) on a non-nullable <c>m</c>: the
/// pattern's compares store 1 or 0 into a local, and that local is tested into the chain's join:
/// <code>
///     ldarg m; ldc 1; beq T; br N
/// N:  ldarg m; ldc 3; beq T; br F
/// T:  ldc.i4.1; stloc p; br J
/// F:  ldc.i4.0; stloc p
/// J:  ldloc p; brfalse C; ldarg t; ldc 2; clt; br JOIN
/// C:  ldc.i4.0
/// JOIN: stloc v; ldloc v; brfalse ELSE
/// </code>
/// <see cref="ConstantValueFilter"/> ignores <c>ldloc p; brfalse C</c> (the compares decided it),
/// but it is the user's short-circuit, not a compiler test: <c>C</c>'s constant stands for the
/// pattern's outcome, so <see cref="ShortCircuitJoinFilter"/> may treat the join as any other.
/// Only that shape: every conditional branch from the statement's start to the test compares one
/// and the same value with an integer constant (the pattern's own compares). A <c>HasValue</c> test
/// (<c>int?</c>), a <c>?:</c>'s test or another operand before it is not this shape: there the
/// constant may stand for more than the pattern (a null, the <c>?:</c>'s other arm).
/// </summary>
internal static class StoredOrPatternTest
{
    public static bool Is(MethodContext method, Instruction test)
    {
        if (test.OpCode.Code is not (Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S)
            || test.Previous is not { } load || !ConstantValueFilter.IsConstantAt(method, load, test))
            return false;
        Instruction? value = null;
        var compares = 0;
        for (var k = ConstantValueFilter.RegionStart(method, test); k < method.IndexOf(test); k++)
        {
            var branch = method.Instructions[k];
            if (branch.OpCode.FlowControl != FlowControl.Cond_Branch)
                continue;
            if (!IsCompareWithConstant(branch) || branch.Previous?.Previous is not { } read || !SameRead(value ??= read, read))
                return false;
            compares++;
        }
        return compares >= 2;
    }

    private static bool IsCompareWithConstant(Instruction branch) =>
        branch.OpCode.Code is Code.Beq or Code.Beq_S or Code.Bne_Un or Code.Bne_Un_S && ShortForms.IsInt32Constant(branch.Previous);

    /// <summary>A load of the same argument or local.</summary>
    private static bool SameRead(Instruction first, Instruction read) =>
        (LocalSlots.Loaded(read) is { } slot ? LocalSlots.Loaded(first) == slot : VariableLoads.IsArgument(read) && read.OpCode.Code == first.OpCode.Code && Equals(read.Operand, first.Operand));
}
