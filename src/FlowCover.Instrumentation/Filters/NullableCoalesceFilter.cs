using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// <c>page ?? 1</c> on a nullable value type compiles to <c>page.GetValueOrDefault(1)</c>:
/// no branch at all, so the two outcomes of the user's <c>??</c> would be invisible. When the
/// receiver's address comes from a plain load (<c>ldloca</c>, <c>ldarga</c>, <c>ldflda</c> on
/// <c>this</c> or a local) and the default is one instruction, the filter asks for a probe
/// of <c>HasValue</c> on a second load of that address, just before the original one.
/// </summary>
public sealed class NullableCoalesceFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var call in method.Instructions)
        {
            if (call.OpCode.Code != Code.Call || call.Operand is not MethodReference { Name: "GetValueOrDefault", Parameters.Count: 1 } getValue
                || getValue.DeclaringType is not GenericInstanceType { ElementType.FullName: "System.Nullable`1" } nullable
                || call.Previous?.Previous is not { } address || !IsPlainAddressLoad(address) || !IsSingleValue(call.Previous))
                continue;
            var hasValue = new MethodReference("get_HasValue", method.Method.Module.TypeSystem.Boolean, nullable) { HasThis = true };
            IReadOnlyList<Instruction> compute = address.OpCode.Code == Code.Ldflda
                ? [InstructionCopy.Of(address.Previous!), InstructionCopy.Of(address), Instruction.Create(OpCodes.Call, hasValue)]
                : [InstructionCopy.Of(address), Instruction.Create(OpCodes.Call, hasValue)];
            var at = address.OpCode.Code == Code.Ldflda ? address.Previous! : address;
            output.ProbeValue(new ComputedValueProbe(at, compute, "not null", "null"));
        }
    }

    private static bool IsPlainAddressLoad(Instruction address) => address.OpCode.Code switch
    {
        Code.Ldloca or Code.Ldloca_S or Code.Ldarga or Code.Ldarga_S => true,
        Code.Ldflda => address.Previous?.OpCode.Code is Code.Ldarg_0 or Code.Ldloc_0 or Code.Ldloc_1 or Code.Ldloc_2 or Code.Ldloc_3,
        _ => false,
    };

    private static bool IsSingleValue(Instruction? value) => value?.OpCode.StackBehaviourPop == StackBehaviour.Pop0
        && value.OpCode.StackBehaviourPush is StackBehaviour.Push1 or StackBehaviour.Pushi or StackBehaviour.Pushi8 or StackBehaviour.Pushr4 or StackBehaviour.Pushr8 or StackBehaviour.Pushref;
}
