using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// A finally block cannot await, so for <c>await using</c>, <c>await foreach</c> and any finally
/// containing <c>await</c>, async methods emulate it: a catch-all stashes the exception in a
/// compiler field (<c>&lt;&gt;7__wrapN</c> in Release, <c>&lt;&gt;s__N</c> in Debug, where tests also
/// go through a stored local), then hidden code disposes and rethrows:
/// <code>
/// if (resource != null) await resource.DisposeAsync();
/// object pending = &lt;&gt;7__wrap2; if (pending != null) { if (!(pending is Exception e)) throw pending; ExceptionDispatchInfo.Capture(e).Throw(); }
/// </code>
/// A <c>return</c> or <c>break</c> inside the block records which exit is pending in another
/// temporary (only ever assigned constants) and dispatches on it after the emulated finally.
/// Those null checks, the <c>isinst Exception</c> test and the pending-exit dispatch are
/// plumbing. The loop test of <c>await foreach</c> (on <c>MoveNextAsync</c>'s result) is the
/// user's and is kept.
/// </summary>
public sealed class AsyncFinallyFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        if (!method.IsAsyncStateMachine && !method.IsAsyncIteratorStateMachine)
            return;
        foreach (var branch in method.Instructions)
        {
            if (!BranchShapes.IsDecisionOpCode(branch.OpCode) || method.CoveringPoint(branch) is not { IsHidden: true } || TestedValue(branch) is not { } tested)
                continue;
            if (IsCompilerTemporary(tested) || IsExceptionTest(tested) || GuardsDispose(branch, tested) || IsPendingExit(method, tested))
                output.IgnoreBranch(branch);
        }
    }

    /// <summary>The instruction that produced the tested value, looking through a <c>dup</c>
    /// and a Debug <c>stloc X; ldloc X</c> round trip.</summary>
    internal static Instruction? TestedValue(Instruction branch)
    {
        var tested = branch.Previous;
        if (branch.OpCode.Code is not (Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S or Code.Switch) && ShortForms.IsInt32Constant(tested))
            tested = tested!.Previous; // a comparison against a constant: look at the other operand
        if (tested?.OpCode.Code == Code.Dup)
            tested = tested.Previous;
        if (tested is not null && LocalSlots.Loaded(tested) is { } slot && tested.Previous is { } store && LocalSlots.Stored(store) == slot)
            tested = store.Previous;
        return tested;
    }

    /// <summary>The rethrow's <c>isinst Exception</c>; a type test of any other type under a
    /// hidden point is the user's (a <c>switch</c> on type patterns, whose dispatch Release hides).</summary>
    private static bool IsExceptionTest(Instruction tested) =>
        tested is { OpCode.Code: Code.Isinst, Operand: TypeReference { Namespace: "System", Name: "Exception" } };

    /// <summary>The stashed exception: <c>&lt;&gt;7__wrapN</c> (Release), or an <c>object</c>
    /// <c>&lt;&gt;s__N</c> (Debug, where <c>&lt;&gt;s__N</c> also spills every await's result, whose
    /// tests are the user's: <c>await FindAsync() ?? throw ...</c>). A boolean
    /// <c>&lt;&gt;7__wrapN</c> is <c>await foreach</c>'s loop test.</summary>
    private static bool IsCompilerTemporary(Instruction load) =>
        load is { OpCode.Code: Code.Ldfld, Operand: FieldReference field }
        && (field.Name.StartsWith("<>7__wrap", StringComparison.Ordinal) && field.FieldType.MetadataType != MetadataType.Boolean
            || field.Name.StartsWith("<>s__", StringComparison.Ordinal) && field.FieldType.MetadataType == MetadataType.Object);

    /// <summary>A compiler field assigned nothing but constants: the selector of the exit
    /// (return, break) pending while the emulated finally runs. A user's local the state machine
    /// keeps in a field (<c>&lt;found&gt;5__2</c>) is not one, even when assigned only constants
    /// (<c>var found = false; ... found = true; ... if (found)</c>); nor is a field whose store
    /// other code jumps to, the join of a value computed on several paths (<c>var b = p || q;</c>,
    /// whose last path pushes <c>ldc.i4.1</c> right before the store).</summary>
    private static bool IsPendingExit(MethodContext method, Instruction load) =>
        load is { OpCode.Code: Code.Ldfld, Operand: FieldReference field } && SourceNames.IsGeneratedName(field.Name)
        && !SourceNames.IsHoistedLocal(field.Name)
        && method.Instructions.Where(i => i.OpCode.Code == Code.Stfld && i.Operand is FieldReference f && f.FullName == field.FullName)
            .ToList() is { Count: > 0 } stores
        && stores.All(s => ShortForms.IsInt32Constant(s.Previous) && !method.JumpTargets.Contains(s));

    /// <summary><c>if (x != null) x.Dispose[Async]()</c>: the branch tests a value that the
    /// code right after it loads again to dispose.</summary>
    private static bool GuardsDispose(Instruction branch, Instruction tested)
    {
        var at = branch.Next;
        for (var steps = 0; at is not null && steps < 6; steps++, at = at.Next)
            if (at.OpCode.Code is Code.Callvirt or Code.Call && at.Operand is MethodReference { Name: "Dispose" or "DisposeAsync" })
                return at.Previous is { } receiver && SameLoad(receiver, tested);
        return false;
    }

    private static bool SameLoad(Instruction a, Instruction b) =>
        a.OpCode == b.OpCode && Equals(a.Operand, b.Operand)
        || a.OpCode.Code == Code.Ldfld && b.OpCode.Code == Code.Ldfld && a.Operand is FieldReference fa && b.Operand is FieldReference fb && fa.FullName == fb.FullName;
}
