using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Probes;

/// <summary>
/// With contexts, the probes of a body that must read the thread's block again before their
/// store (docs/per-thread-blocks.md). The body reads it once at its start; the thread's context,
/// and so its block, changes only inside a call (a test's <c>Enter</c>, ExecutionContext
/// restored by a callee) or while an exception unwinds, so a probe reads it again when a path
/// reaches it from a call, a <c>leave</c> (which runs finally blocks) or a handler's start
/// without passing another probe; every other probe stores through the method's copy. One
/// forward walk over the laid-out body: linear in its size.
/// </summary>
internal static class BlockReloads
{
    /// <param name="read">The body's own read of the block at its start, which changes nothing.</param>
    public static void Mark(MethodBody body, MethodReference read)
    {
        var instructions = body.Instructions;
        var index = new Dictionary<Instruction, int>(instructions.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < instructions.Count; i++)
            index[instructions[i]] = i;
        var stale = new bool[instructions.Count];
        var pending = new Stack<int>();
        void Reach(Instruction? at)
        {
            if (at is not null && index.TryGetValue(at, out var i) && !stale[i])
            {
                stale[i] = true;
                pending.Push(i);
            }
        }
        foreach (var handler in body.ExceptionHandlers)
        {
            Reach(handler.HandlerStart);
            Reach(handler.FilterStart);
        }
        foreach (var instruction in instructions)
            if (MayChangeContext(instruction, read))
                Successors(instruction, Reach);
        while (pending.TryPop(out var i))
        {
            if (instructions[i].Operand is ProbeCode probe)
                probe.Reloads = true; // Read here, so what follows it is fresh.
            else
                Successors(instructions[i], Reach);
        }
    }

    private static bool MayChangeContext(Instruction instruction, MethodReference read) =>
        instruction.OpCode.FlowControl == FlowControl.Call && instruction.Operand != read
        || instruction.OpCode.Code is Code.Leave or Code.Leave_S;

    private static void Successors(Instruction instruction, Action<Instruction?> reach)
    {
        switch (instruction.Operand)
        {
            case Instruction target:
                reach(target);
                break;
            case Instruction[] targets:
                foreach (var target in targets)
                    reach(target);
                break;
        }
        if (BranchShapes.FallsThrough(instruction.OpCode))
            reach(instruction.Next);
    }
}
