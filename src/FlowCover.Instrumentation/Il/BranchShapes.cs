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
}
