using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// The shapes every delegate cache the compiler writes shares: load the cached delegate, keep a
/// copy, and create it only when it is null (<c>ldsfld F; dup; brtrue L; pop; ...create...</c>,
/// or <c>ldarg.0; ldfld F; dup; brtrue L; ...</c> for a cache in a closure). Where the delegate's
/// value is never used (Release drops the store to a local nobody reads:
/// <c>Func&lt;int, int&gt; a = x =&gt; x, b = y =&gt; y;</c> with <c>b</c> unused), there is no copy to
/// keep: <c>ldsfld F; brtrue L; ...create...; stsfld F; L:</c>, the field stored just before the
/// branch's target. The filters for each kind of cache differ only in which field holds it.
/// </summary>
internal static class DelegateCache
{
    /// <summary>The field <paramref name="branch"/> tests in those shapes, loaded by
    /// <paramref name="load"/> (<c>ldsfld</c> or <c>ldfld</c>); null for any other branch.</summary>
    public static FieldReference? FieldTestedBy(Instruction branch, Code load)
    {
        if (branch.OpCode.Code is not (Code.Brtrue or Code.Brtrue_S))
            return null;
        if (branch.Previous?.OpCode.Code == Code.Dup)
            return branch.Previous.Previous is { Operand: FieldReference kept } loadedKept && loadedKept.OpCode.Code == load ? kept : null;
        return branch.Previous is { Operand: FieldReference field } loaded && loaded.OpCode.Code == load
            && branch.Operand is Instruction { Previous: { Operand: FieldReference stored } store }
            && store.OpCode.Code == (load == Code.Ldsfld ? Code.Stsfld : Code.Stfld) && SameField(stored, field)
                ? field
                : null;
    }

    private static bool SameField(FieldReference a, FieldReference b) =>
        a.Name == b.Name && a.DeclaringType.FullName == b.DeclaringType.FullName;
}
