using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// The shape every delegate cache the compiler writes shares: load the cached delegate, keep a
/// copy, and create it only when it is null (<c>ldsfld F; dup; brtrue L; pop; ...create...</c>,
/// or <c>ldarg.0; ldfld F; dup; brtrue L; ...</c> for a cache in a closure). The filters for
/// each kind of cache differ only in which field holds it.
/// </summary>
internal static class DelegateCache
{
    /// <summary>The field <paramref name="branch"/> tests in that shape, loaded by
    /// <paramref name="load"/> (<c>ldsfld</c> or <c>ldfld</c>); null for any other branch.</summary>
    public static FieldReference? FieldTestedBy(Instruction branch, Code load) =>
        branch.OpCode.Code is Code.Brtrue or Code.Brtrue_S && branch.Previous?.OpCode.Code == Code.Dup
        && branch.Previous.Previous is { Operand: FieldReference field } loaded && loaded.OpCode.Code == load
            ? field
            : null;
}
