using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// Debug builds store a condition in a temporary before testing it, and hide the test:
/// <code>
/// L15  ldarg.0; ldc.i4.0; cgt; stloc.0
/// HIDDEN  ldloc.0; brfalse ELSE
/// </code>
/// The branch is the user's <c>if</c>/<c>while</c> condition of the statement that stored the
/// temporary, so it is claimed for that statement's line, as Release builds (which branch
/// directly) report it.
/// </summary>
public sealed class DebugConditionTempFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var branch in method.Instructions)
        {
            if (branch.OpCode.Code is not (Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S or Code.Switch)
                || branch.Previous is not { } load || method.PointAt(load) is not { IsHidden: true }
                || load.Previous is not { } store || LocalIndex(load, isStore: false) is not { } local || LocalIndex(store, isStore: true) != local)
                continue;
            if (method.CoveringPoint(store) is { IsHidden: false } statement)
                output.ClaimBranch(branch, statement.StartLine);
        }
    }

    private static int? LocalIndex(Instruction instruction, bool isStore) => (instruction.OpCode.Code, isStore) switch
    {
        (Code.Ldloc_0, false) or (Code.Stloc_0, true) => 0,
        (Code.Ldloc_1, false) or (Code.Stloc_1, true) => 1,
        (Code.Ldloc_2, false) or (Code.Stloc_2, true) => 2,
        (Code.Ldloc_3, false) or (Code.Stloc_3, true) => 3,
        (Code.Ldloc or Code.Ldloc_S, false) or (Code.Stloc or Code.Stloc_S, true) => ((VariableDefinition)instruction.Operand).Index,
        _ => null,
    };
}
