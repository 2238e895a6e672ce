using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Il;

/// <summary>
/// Loads of a variable's value (not its address): what the compiler pushes when a switch, a
/// pattern or a test reads a local or a parameter as it is, with nothing computed on the way.
/// </summary>
public static class VariableLoads
{
    /// <summary>Whether <paramref name="load"/> pushes an argument's value.</summary>
    public static bool IsArgument(Instruction load) =>
        load.OpCode.Code is Code.Ldarg_0 or Code.Ldarg_1 or Code.Ldarg_2 or Code.Ldarg_3 or Code.Ldarg or Code.Ldarg_S;

    /// <summary>Whether <paramref name="load"/> pushes a local's or an argument's value.</summary>
    public static bool IsLocalOrArgument(Instruction load) => LocalSlots.Loaded(load) is not null || IsArgument(load);
}
