using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// <c>await A() &amp;&amp; await B()</c> (and <c>||</c>, and such a condition under <c>?:</c>):
/// nothing may stay on the stack across an await, so the compiler joins the operands' values
/// in a temporary (a local in Release, a <c>&lt;&gt;s__N</c> field in Debug) instead of on the
/// stack, and one branch tests the joined value:
/// <code>
///     ...A's result; stloc t; ldloc t; brfalse JOIN     (A decided: t is already false)
///     ...await B...; GetResult(); stloc t
/// JOIN: ldloc t; brfalse ELSE
/// </code>
/// Counting that last branch would credit <c>B</c> with an outcome whenever <c>A</c>
/// short-circuited. Its real outcomes are <c>B</c>'s, so <c>B</c>'s value is probed where it is
/// stored into the temporary and the joined branch is dropped, as
/// <see cref="ShortCircuitJoinFilter"/> does for a join on the stack.
/// </summary>
public sealed class AwaitedShortCircuitFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        if (!method.IsAsyncStateMachine && !method.IsAsyncIteratorStateMachine)
            return;
        foreach (var branch in method.Instructions)
        {
            if (!IsBooleanTest(branch) || output.IsBranchIgnored(branch) || Load(branch) is not { } join)
                continue;
            var deciders = 0;
            var stores = new List<Instruction>();
            var joinable = true;
            foreach (var into in method.Instructions)
            {
                if (into.Operand is Instruction[] table && table.Contains(join.Start))
                    joinable = false;
                if (into.Operand != join.Start)
                    continue;
                if (IsBooleanTest(into) && Load(into) is { } decided && SameSlot(decided.Load, join.Load))
                    deciders++;
                else if (into.OpCode.Code is Code.Br or Code.Br_S && IsStoreTo(into.Previous, join.Load))
                    stores.Add(into.Previous!);
                else
                    joinable = false;
            }
            if (join.Start.Previous is { } before && BranchShapes.FallsThrough(before.OpCode))
            {
                if (IsStoreTo(before, join.Load))
                    stores.Add(before);
                else
                    joinable = false;
            }
            if (!joinable || deciders == 0 || stores.Count == 0)
                continue;
            foreach (var store in stores)
                output.ProbeValue(new StackValueProbe(store), insteadOf: branch);
        }
    }

    private static bool IsBooleanTest(Instruction branch) => branch.OpCode.Code is Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S;

    /// <summary>The temporary a branch tests: <c>ldloc t</c>, or <c>ldarg.0; ldfld t</c> (in Debug
    /// through another local: <c>ldarg.0; ldfld t; stloc u; ldloc u</c>). <c>Start</c> is where
    /// the load begins, the join when other paths jump there.</summary>
    private static (Instruction Start, Instruction Load)? Load(Instruction branch)
    {
        var load = branch.Previous;
        if (load is not null && LocalSlots.Loaded(load) is { } copy && load.Previous is { } store && LocalSlots.Stored(store) == copy
            && store.Previous is { OpCode.Code: Code.Ldfld } field)
            load = field;
        if (load is not null && LocalSlots.Loaded(load) is not null)
            return (load, load);
        if (load is { OpCode.Code: Code.Ldfld, Operand: FieldReference { Name: var name } } && SourceNames.IsGeneratedName(name)
            && load.Previous is { OpCode.Code: Code.Ldarg_0 } self)
            return (self, load);
        return null;
    }

    private static bool SameSlot(Instruction a, Instruction b) =>
        LocalSlots.Loaded(a) is { } slot ? LocalSlots.Loaded(b) == slot
        : a.Operand is FieldReference fa && b.Operand is FieldReference fb && fa.FullName == fb.FullName;

    private static bool IsStoreTo(Instruction? store, Instruction load) =>
        store is not null && (LocalSlots.Loaded(load) is { } slot ? LocalSlots.Stored(store) == slot
            : store is { OpCode.Code: Code.Stfld, Operand: FieldReference stored } && load.Operand is FieldReference loaded && stored.FullName == loaded.FullName);
}
