using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Il;

/// <summary>Where an instruction puts the value on top of the stack: returned, or stored whole
/// into a local, an argument or a field, and the declared type of that place.</summary>
public static class ValueDestination
{
    /// <summary>Whether <paramref name="keeper"/> returns the value or stores it whole (<c>ret</c>,
    /// <c>stloc</c>, <c>starg</c>, <c>stfld</c>, <c>stsfld</c>).</summary>
    public static bool Keeps(Instruction keeper) =>
        LocalSlots.Stored(keeper) is not null || keeper.OpCode.Code is Code.Ret or Code.Starg or Code.Starg_S or Code.Stfld or Code.Stsfld;

    /// <summary>The declared type of the place <paramref name="keeper"/> puts the value in (the
    /// method's return type, the local's, the parameter's, the field's); null where it keeps no
    /// value whole or the place is not one <paramref name="method"/> declares.</summary>
    public static TypeReference? TypeOf(Instruction keeper, MethodDefinition method) => keeper.OpCode.Code switch
    {
        Code.Ret => method.ReturnType,
        Code.Starg or Code.Starg_S => (keeper.Operand as ParameterDefinition)?.ParameterType,
        Code.Stfld or Code.Stsfld => (keeper.Operand as FieldReference)?.FieldType,
        _ => LocalSlots.Stored(keeper) is { } slot && slot < method.Body.Variables.Count ? method.Body.Variables[slot].VariableType : null,
    };
}
