using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Il;

/// <summary>How many values an instruction takes from the evaluation stack and leaves on it,
/// for the opcodes whose counts are fixed; calls depend on their signature.</summary>
internal static class StackEffects
{
    public static int? FixedPops(StackBehaviour pop) => pop switch
    {
        StackBehaviour.Pop0 => 0,
        StackBehaviour.Pop1 or StackBehaviour.Popi or StackBehaviour.Popref => 1,
        StackBehaviour.Pop1_pop1 or StackBehaviour.Popi_pop1 or StackBehaviour.Popi_popi or StackBehaviour.Popi_popi8
            or StackBehaviour.Popi_popr4 or StackBehaviour.Popi_popr8 or StackBehaviour.Popref_pop1 or StackBehaviour.Popref_popi => 2,
        StackBehaviour.Popi_popi_popi or StackBehaviour.Popref_popi_popi or StackBehaviour.Popref_popi_popi8
            or StackBehaviour.Popref_popi_popr4 or StackBehaviour.Popref_popi_popr8 or StackBehaviour.Popref_popi_popref => 3,
        _ => null,
    };

    public static int? FixedPushes(StackBehaviour push) => push switch
    {
        StackBehaviour.Push0 => 0,
        StackBehaviour.Push1 or StackBehaviour.Pushi or StackBehaviour.Pushi8 or StackBehaviour.Pushr4 or StackBehaviour.Pushr8 or StackBehaviour.Pushref => 1,
        StackBehaviour.Push1_push1 => 2,
        _ => null,
    };

    /// <summary>Void, also under a modifier: an init accessor returns <c>void modreq(IsExternalInit)</c>.</summary>
    public static bool IsVoid(TypeReference type) => type is IModifierType modified ? IsVoid(modified.ElementType) : type.MetadataType == MetadataType.Void;
}
