using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Il;

/// <summary>
/// Which instruction pushed a given operand of another, found by walking back through
/// straight-line code and counting stack effects. Gives up (null) at a jump target, where the
/// value could come from elsewhere, or at an instruction whose effect it cannot tell.
/// </summary>
public static class StackProducers
{
    /// <param name="operandFromTop">0 for the operand on top of the stack, 1 for the one below.</param>
    public static Instruction? Of(Instruction consumer, int operandFromTop, IReadOnlySet<Instruction> jumpTargets)
    {
        var above = operandFromTop;
        for (var at = consumer.Previous; at is not null; at = at.Previous)
        {
            if (Effect(at) is not var (pops, pushes))
                return null;
            if (above < pushes)
                return at.OpCode.Code == Code.Dup ? Of(at, 0, jumpTargets) : at;
            above = above - pushes + pops;
            if (jumpTargets.Contains(at) || !BranchShapes.FallsThrough(at.OpCode) || at.OpCode.FlowControl == FlowControl.Cond_Branch)
                return null;
        }
        return null;
    }

    /// <summary>
    /// Where the operand of <paramref name="consumer"/> is already on top of the stack when control
    /// enters, for an operand no instruction of the straight-line code before it pushed: the jump
    /// target the walk back reaches, when the operand is on top there, however control got there
    /// (a value joined from several ways, or left on the stack by the statement before). Null
    /// where <see cref="Of"/> finds the producer, or the walk stops first.
    /// </summary>
    public static Instruction? EnteredAt(Instruction consumer, int operandFromTop, IReadOnlySet<Instruction> jumpTargets)
    {
        var above = operandFromTop;
        for (var at = consumer.Previous; at is not null; at = at.Previous)
        {
            if (Effect(at) is not var (pops, pushes) || above < pushes)
                return null;
            above = above - pushes + pops;
            if (jumpTargets.Contains(at))
                return above == 0 ? at : null;
            if (!BranchShapes.FallsThrough(at.OpCode) || at.OpCode.FlowControl == FlowControl.Cond_Branch)
                return null;
        }
        return null;
    }

    /// <summary>Whether an instruction pushes a <c>bool</c>: a comparison, or a load or call
    /// whose type is <c>bool</c> where it is used (<c>Func&lt;int, bool&gt;.Invoke</c>'s <c>!1</c> too).</summary>
    public static bool PushesBoolean(Instruction producer, MethodDefinition method) =>
        producer.OpCode.Code is Code.Ceq or Code.Cgt or Code.Cgt_Un or Code.Clt or Code.Clt_Un
        || LoadedType(producer, method)?.MetadataType == MetadataType.Boolean;

    /// <summary>The type a load or call pushes, as it is used here (a field's or a callee's type
    /// with the declaring type's arguments put in); null for any other instruction.</summary>
    public static TypeReference? LoadedType(Instruction producer, MethodDefinition method) => producer.OpCode.Code switch
    {
        Code.Ldloc_0 or Code.Ldloc_1 or Code.Ldloc_2 or Code.Ldloc_3 or Code.Ldloc or Code.Ldloc_S =>
            method.Body.Variables[LocalSlots.Loaded(producer)!.Value].VariableType,
        Code.Ldarg_0 or Code.Ldarg_1 or Code.Ldarg_2 or Code.Ldarg_3 or Code.Ldarg or Code.Ldarg_S => Parameter(producer, method)?.ParameterType,
        Code.Ldfld or Code.Ldsfld => producer.Operand is FieldReference field ? InstantiatedTypes.Of(field.FieldType, field) : null,
        Code.Call or Code.Callvirt => producer.Operand is MethodReference callee ? InstantiatedTypes.Of(callee.ReturnType, callee) : null,
        _ => null,
    };

    private static ParameterDefinition? Parameter(Instruction load, MethodDefinition method)
    {
        var index = load.OpCode.Code switch
        {
            Code.Ldarg_0 => 0,
            Code.Ldarg_1 => 1,
            Code.Ldarg_2 => 2,
            Code.Ldarg_3 => 3,
            _ => ((ParameterDefinition)load.Operand).Sequence,
        };
        if (method.HasThis)
            index--;
        return index >= 0 && index < method.Parameters.Count ? method.Parameters[index] : null;
    }

    private static (int Pops, int Pushes)? Effect(Instruction instruction)
    {
        var opCode = instruction.OpCode;
        var pops = opCode.StackBehaviourPop == StackBehaviour.Varpop && instruction.Operand is MethodReference method
            ? method.Parameters.Count + (method.HasThis && opCode.Code != Code.Newobj ? 1 : 0)
            : StackEffects.FixedPops(opCode.StackBehaviourPop);
        var pushes = opCode.StackBehaviourPush == StackBehaviour.Varpush && instruction.Operand is MethodReference callee
            ? opCode.Code == Code.Newobj || !StackEffects.IsVoid(callee.ReturnType) ? 1 : 0
            : StackEffects.FixedPushes(opCode.StackBehaviourPush);
        return pops is { } p && pushes is { } q ? (p, q) : null;
    }
}
