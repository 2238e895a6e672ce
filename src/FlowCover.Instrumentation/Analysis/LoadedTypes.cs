using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>What a load instruction pushes, read from the method's own signature, locals and the
/// field it names (a <c>??=</c>'s target, a <c>switch</c>'s subject).</summary>
internal static class LoadedTypes
{
    /// <summary>The type of the field, local or parameter <paramref name="load"/> pushes; null
    /// for any other instruction (and for <c>this</c>).</summary>
    public static TypeReference? Of(MethodContext method, Instruction? load)
    {
        if (load?.Operand is FieldReference field && load.OpCode.Code is Code.Ldfld or Code.Ldsfld)
            return field.FieldType;
        if (load is not null && LocalSlots.Loaded(load) is { } slot && slot < method.Method.Body.Variables.Count)
            return method.Method.Body.Variables[slot].VariableType;
        var index = load?.OpCode.Code switch
        {
            Code.Ldarg_0 => 0,
            Code.Ldarg_1 => 1,
            Code.Ldarg_2 => 2,
            Code.Ldarg_3 => 3,
            Code.Ldarg or Code.Ldarg_S when load.Operand is ParameterDefinition parameter => parameter.Sequence,
            _ => -1,
        };
        var first = method.Method.HasThis ? 1 : 0;
        return index >= first && index - first < method.Method.Parameters.Count ? method.Method.Parameters[index - first].ParameterType : null;
    }
}
