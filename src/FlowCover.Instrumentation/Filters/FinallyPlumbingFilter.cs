using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// <c>using</c>, <c>foreach</c> and <c>lock</c> end in a finally block the compiler writes and
/// hides: <c>if (resource != null) resource.Dispose()</c>, <c>if (lockTaken)
/// Monitor.Exit(o)</c>. Their null and flag checks are not the user's decisions. A finally the
/// user wrote starts with a visible sequence point, or with a <c>try</c> of its own, and is left alone; in an async method or
/// iterator, right after the hidden test that skips it while the machine suspends
/// (<c>ldloc state; ldc.i4.0; bge END</c>, which <see cref="StateMachineStateFilter"/> drops).
/// </summary>
public sealed class FinallyPlumbingFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var handler in method.Method.Body.ExceptionHandlers)
        {
            if (handler.HandlerType != ExceptionHandlerType.Finally || AfterStateGuard(method, handler.HandlerStart) is var first
                && (method.PointAt(first) is { IsHidden: false } || StartsWithTry(method, first)))
                continue;
            var last = handler.HandlerEnd?.Previous ?? method.Instructions[^1];
            for (var i = method.IndexOf(handler.HandlerStart); i <= method.IndexOf(last); i++)
                if (BranchShapes.IsDecisionOpCode(method.Instructions[i].OpCode))
                    output.IgnoreBranch(method.Instructions[i]);
        }
    }

    /// <summary>Whether a finally starts with a <c>try</c> the user wrote (<c>finally { try { ... }
    /// catch { ... } ... }</c>): Release opens such a handler with a hidden <c>nop</c>, as a handler
    /// and the <c>try</c> inside it cannot start at one instruction, and the first visible point
    /// is that <c>try</c>'s first statement. The compiler's own finally blocks (a dispose, a
    /// <c>Monitor.Exit</c>) never start with a <c>try</c>.</summary>
    private static bool StartsWithTry(MethodContext method, Instruction start) =>
        start is { OpCode.Code: Code.Nop, Next: { } next } && method.PointAt(start) is null or { IsHidden: true }
        && method.PointAt(next) is { IsHidden: false } && method.Method.Body.ExceptionHandlers.Any(h => h.TryStart == next);

    /// <summary>The instruction after a state machine's <c>ldloc state; ldc.i4.0; bge</c> at
    /// <paramref name="start"/>, the local being the copy of <c>&lt;&gt;1__state</c>;
    /// <paramref name="start"/> itself when there is no such test.</summary>
    private static Instruction AfterStateGuard(MethodContext method, Instruction start)
    {
        if (method.Kickoff is null || LocalSlots.Loaded(start) is not { } slot
            || start.Next is not { OpCode.Code: Code.Ldc_I4_0 } zero || zero.Next is not { OpCode.Code: Code.Bge or Code.Bge_S, Next: { } next })
            return start;
        foreach (var instruction in method.Instructions)
            if (instruction is { OpCode.Code: Code.Ldfld, Operand: FieldReference { Name: "<>1__state" }, Next: { } store } && LocalSlots.Stored(store) == slot)
                return next;
        return start;
    }
}
