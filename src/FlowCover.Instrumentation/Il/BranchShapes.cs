using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Il;

/// <summary>Small facts about IL branch instructions that filters and the analyzer share.</summary>
public static class BranchShapes
{
    /// <summary>Conditional branches and switches: the instructions that can be decisions.</summary>
    public static bool IsDecisionOpCode(OpCode opCode) =>
        opCode.FlowControl == FlowControl.Cond_Branch;

    /// <summary>Whether control can continue to the next instruction.</summary>
    public static bool FallsThrough(OpCode opCode) => opCode.FlowControl switch
    {
        FlowControl.Branch or FlowControl.Return or FlowControl.Throw => false,
        _ => true,
    };

    /// <summary>Where a <c>switch</c> instruction goes when no entry matches: the instruction
    /// after it, or where the unconditional jump there leads.</summary>
    public static Instruction? SwitchDefault(Instruction table) =>
        table.Next is { OpCode.Code: Code.Br or Code.Br_S, Operand: Instruction jump } ? jump : table.Next;
}
