using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Collections.Generic;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>The locals a state machine's <c>MoveNext</c> keeps its state in (<c>ldarg.0; ldfld
/// &lt;&gt;1__state; stloc n</c>), found once per body, on the first asking: a body with no
/// candidate dispatch never walks its instructions for them.</summary>
internal sealed class StateLocals(Collection<Instruction> instructions)
{
    private HashSet<int>? _slots;

    public bool Contains(int slot) => (_slots ??= Find(instructions)).Contains(slot);

    private static HashSet<int> Find(Collection<Instruction> instructions)
    {
        var slots = new HashSet<int>();
        foreach (var instruction in instructions)
            if (LocalSlots.Stored(instruction) is { } slot && instruction.Previous is { Operand: FieldReference { Name: "<>1__state" } })
                slots.Add(slot);
        return slots;
    }
}
