using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Il;

/// <summary>A fresh instruction with the same opcode and operand, for re-emitting a load.</summary>
public static class InstructionCopy
{
    public static Instruction Of(Instruction instruction)
    {
        var copy = Instruction.Create(OpCodes.Nop);
        copy.OpCode = instruction.OpCode;
        copy.Operand = instruction.Operand;
        return copy;
    }
}
