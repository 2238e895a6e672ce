using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// An <c>await</c> cannot run inside a catch handler, so an async method moves the body of such
/// a catch after the try: the handler only stashes the exception in a compiler field and
/// records which catch ran in a temporary assigned nothing but constants, then leaves; after
/// the try, <c>if (which == 1) { ...the catch body... }</c>. A <c>throw;</c> in that body
/// rethrows the stashed object: <c>if (!(stashed is Exception e)) throw stashed;
/// ExceptionDispatchInfo.Capture(e).Throw();</c>. The test of the number and the
/// <c>isinst Exception</c> test are plumbing; the user's catch and its statements are kept.
/// (Debug keeps the number in a field, which <see cref="AsyncFinallyFilter"/>'s pending-exit
/// rule already drops; Release keeps it in a local.) A catch with a <c>when</c> filter is such a
/// catch too: its handler stashes and numbers the same way; left out, the number's test took the
/// names of the filter's conditions (<c>when (e is DivideByZeroException || x &gt; 1)</c> read
/// <c>x &gt; 1 false 3</c> on three runs that threw nothing).
/// </summary>
public sealed class AwaitInCatchFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        if (!method.IsAsyncStateMachine && !method.IsAsyncIteratorStateMachine
            || !method.Method.Body.ExceptionHandlers.Any(IsCatch))
            return;
        foreach (var branch in method.Instructions)
        {
            if (!BranchShapes.IsDecisionOpCode(branch.OpCode) || AsyncFinallyFilter.TestedValue(branch) is not { } tested)
                continue;
            if (IsRethrowTest(tested) || IsCatchNumber(method, branch, tested))
                output.IgnoreBranch(branch);
        }
    }

    /// <summary><c>isinst Exception</c> on the stashed object (an <c>object</c> field the compiler named).</summary>
    private static bool IsRethrowTest(Instruction tested) =>
        tested is { OpCode.Code: Code.Isinst, Operand: TypeReference { FullName: "System.Exception" } }
        && tested.Previous is { OpCode.Code: Code.Ldfld, Operand: FieldReference field }
        && field.FieldType.MetadataType == MetadataType.Object && SourceNames.IsGeneratedName(field.Name);

    /// <summary>A hidden test of a local that is only ever assigned constants, at least once
    /// inside a catch handler, and never by a statement the user wrote (those stores are hidden).</summary>
    private static bool IsCatchNumber(MethodContext method, Instruction branch, Instruction tested)
    {
        if (tested is { OpCode.Code: Code.Sub } && ShortForms.IsInt32Constant(tested.Previous))
            tested = tested.Previous.Previous!;
        if (method.CoveringPoint(branch) is not { IsHidden: true })
            return false;
        if (method.Method.Body.ExceptionHandlers.Any(h => IsCatch(h) && NumbersThenLeavesTo(h, tested)))
            return true;
        if (LocalSlots.Loaded(tested) is not { } slot)
            return false;
        var inCatch = false;
        foreach (var store in method.Instructions)
        {
            if (LocalSlots.Stored(store) != slot)
                continue;
            if (!ShortForms.IsInt32Constant(store.Previous) || method.CoveringPoint(store) is not { IsHidden: true })
                return false;
            inCatch |= InCatch(method, store);
        }
        return inCatch;
    }

    /// <summary>Whether the handler ends by storing a constant where <paramref name="tested"/>
    /// loads it from, and leaving to that load (or to the <c>ldarg.0</c> before a field's):
    /// a local Release may also give other temporaries of the method (a <c>t++</c>'s copy), or
    /// a field of the state machine it may share with a hoisted local of the user's whose
    /// lifetime has ended (<c>&lt;i347&gt;5__4</c>). The handler's own store-and-leave is what tells.</summary>
    private static bool NumbersThenLeavesTo(ExceptionHandler handler, Instruction tested)
    {
        var slot = LocalSlots.Loaded(tested);
        var field = tested is { OpCode.Code: Code.Ldfld, Operand: FieldReference f, Previous.OpCode.Code: Code.Ldarg_0 } ? f : null;
        if (slot is null && field is null)
            return false;
        var entry = field is null ? tested : tested.Previous;
        for (var at = handler.HandlerStart; at is not null && at != handler.HandlerEnd; at = at.Next)
            if ((slot is not null ? LocalSlots.Stored(at) == slot : at is { OpCode.Code: Code.Stfld, Operand: FieldReference stored } && stored.FullName == field!.FullName)
                && ShortForms.IsInt32Constant(at.Previous)
                && at.Next is { OpCode.Code: Code.Leave or Code.Leave_S, Operand: Instruction target } && target == entry)
                return true;
        return false;
    }

    private static bool InCatch(MethodContext method, Instruction at) =>
        method.Method.Body.ExceptionHandlers.Any(h => IsCatch(h)
            && h.HandlerStart.Offset <= at.Offset && (h.HandlerEnd is null || at.Offset < h.HandlerEnd.Offset));

    /// <summary>A catch handler, with or without a <c>when</c> filter (whose handler is the catch's block).</summary>
    private static bool IsCatch(ExceptionHandler handler) => handler.HandlerType is ExceptionHandlerType.Catch or ExceptionHandlerType.Filter;
}
