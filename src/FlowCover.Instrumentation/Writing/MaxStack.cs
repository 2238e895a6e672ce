using System.Buffers;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Writing;

/// <summary>
/// The evaluation stack depth a body needs, by one pass in layout order as compilers and Cecil
/// compute it: the depth at each branch target is the one its branches leave, a handler starts
/// with its exception on the stack, and after an unconditional jump, return or throw the next
/// instruction starts from what its jumps left (or empty).
/// </summary>
internal static class MaxStack
{
    /// <param name="codeSize">The body's size, with every instruction's <c>Offset</c> set to
    /// where it is: the depth at each target is kept in a table by offset, which is cheaper than
    /// hashing every instruction into a dictionary.</param>
    public static int Of(MethodBody body, int codeSize)
    {
        // One more than the depth known at each offset; 0 where none is known yet. Rented, not
        // allocated: four bytes per byte of every body encoded would all be garbage at once.
        var atTargets = ArrayPool<int>.Shared.Rent(codeSize + 1);
        Array.Clear(atTargets, 0, codeSize + 1);
        try
        {
            return Of(body, atTargets);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(atTargets);
        }
    }

    private static int Of(MethodBody body, int[] atTargets)
    {
        foreach (var handler in body.ExceptionHandlers)
        {
            if (handler.HandlerType is ExceptionHandlerType.Catch or ExceptionHandlerType.Filter)
                atTargets[handler.HandlerStart.Offset] = 2;
            if (handler.FilterStart is { } filter)
                atTargets[filter.Offset] = 2;
        }
        int depth = 0, max = 0;
        foreach (var instruction in body.Instructions)
        {
            if (atTargets[instruction.Offset] is var known and > 0)
                depth = known - 1;
            max = Math.Max(max, depth + (instruction.Operand is ProbeCode ? ProbeCode.StackPeak : 0));
            depth = After(instruction, depth, body.Method);
            max = Math.Max(max, depth);
            switch (instruction.Operand)
            {
                case Instruction target:
                    Record(atTargets, target, depth);
                    break;
                case Instruction[] targets:
                    foreach (var target in targets)
                        Record(atTargets, target, depth);
                    break;
            }
            if (instruction.OpCode.FlowControl is FlowControl.Branch or FlowControl.Throw or FlowControl.Return)
                depth = 0;
        }
        return max;
    }

    private static void Record(int[] atTargets, Instruction target, int depth) =>
        atTargets[target.Offset] = Math.Max(atTargets[target.Offset], depth + 1);

    private static int After(Instruction instruction, int depth, MethodDefinition method)
    {
        var opCode = instruction.OpCode;
        if (opCode.FlowControl == FlowControl.Call)
        {
            var signature = (IMethodSignature)instruction.Operand;
            if (signature.HasThis && opCode.Code != Code.Newobj)
                depth--;
            depth -= signature.Parameters.Count;
            if (opCode.Code == Code.Calli)
                depth--;
            if (opCode.Code == Code.Newobj || !StackEffects.IsVoid(signature.ReturnType))
                depth++;
            return Math.Max(depth, 0);
        }
        depth -= opCode.StackBehaviourPop switch
        {
            StackBehaviour.PopAll => depth,
            StackBehaviour.Varpop when opCode.Code == Code.Ret => StackEffects.IsVoid(method.ReturnType) ? 0 : 1,
            var pop => StackEffects.FixedPops(pop) ?? 0,
        };
        depth += StackEffects.FixedPushes(opCode.StackBehaviourPush) ?? 0;
        return Math.Max(depth, 0);
    }
}
