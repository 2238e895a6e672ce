using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// Async methods and iterators resume through a dispatch on their state field
/// (<c>&lt;&gt;1__state</c>), copied to a local first: <c>ldarg.0; ldfld &lt;&gt;1__state; stloc.0;
/// ldloc.0; switch/brfalse/beq</c>. Async iterators also test <c>&lt;&gt;w__disposeMode</c>.
/// These branches say where the machine resumes, not what the user decided.
/// </summary>
public sealed class StateMachineStateFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        if (method.Kickoff is null)
            return;
        var stateLocals = new HashSet<int>();
        foreach (var instruction in method.Instructions)
            if (IsStateField(instruction) && instruction.Next is { } store && LocalSlots.Stored(store) is { } slot)
                stateLocals.Add(slot);
        foreach (var branch in method.Instructions.Where(i => BranchShapes.IsDecisionOpCode(i.OpCode)))
        {
            var operand = OperandSource(branch);
            if (operand is not null && (IsStateField(operand) || LocalSlots.Loaded(operand) is { } slot && stateLocals.Contains(slot)))
                output.IgnoreBranch(branch);
        }
    }

    private static bool IsStateField(Instruction instruction) =>
        instruction is { OpCode.Code: Code.Ldfld, Operand: FieldReference { Name: "<>1__state" or "<>w__disposeMode" } };

    /// <summary>The instruction loading the tested value, skipping a constant compared against
    /// and an offset subtracted for a switch.</summary>
    private static Instruction? OperandSource(Instruction branch)
    {
        var previous = branch.Previous;
        if (branch.OpCode.Code is not (Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S or Code.Switch))
            previous = ShortForms.IsInt32Constant(previous) ? previous.Previous : null;
        if (previous?.OpCode.Code == Code.Sub && ShortForms.IsInt32Constant(previous.Previous))
            previous = previous.Previous.Previous;
        return previous;
    }
}
