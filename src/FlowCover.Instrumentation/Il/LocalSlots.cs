using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Il;

/// <summary>Which local variable slot an instruction stores to or loads from.</summary>
public static class LocalSlots
{
    public static int? Stored(Instruction instruction) => instruction.OpCode.Code switch
    {
        Code.Stloc_0 => 0,
        Code.Stloc_1 => 1,
        Code.Stloc_2 => 2,
        Code.Stloc_3 => 3,
        Code.Stloc or Code.Stloc_S => ((VariableDefinition)instruction.Operand).Index,
        _ => null,
    };

    public static int? Loaded(Instruction instruction) => instruction.OpCode.Code switch
    {
        Code.Ldloc_0 => 0,
        Code.Ldloc_1 => 1,
        Code.Ldloc_2 => 2,
        Code.Ldloc_3 => 3,
        Code.Ldloc or Code.Ldloc_S => ((VariableDefinition)instruction.Operand).Index,
        _ => null,
    };
}
