using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Where an edge goes on through code that only moves constants: Release keeps a condition such
/// as <c>c &lt; 3 &amp;&amp; (o is string || n is 1 or 3)</c> as a value in locals (an async
/// method, a pattern's <c>or</c>), so the edge of <c>n is 1</c> pushes 1, stores it, loads it
/// again and reaches the target only through the later <c>brtrue</c> that tests the whole value.
/// The walk follows the pushed constants through <c>stloc</c>/<c>ldloc</c> and the tests they
/// decide, up to the first visible point or any other instruction.
/// </summary>
internal static class ConstantWays
{
    private const int MaxSteps = 64;

    /// <summary>The tests the way from <paramref name="edge"/> passes, each with the edge its
    /// constant takes, in order (empty where it meets none).</summary>
    public static List<EdgeRef> Passed(MethodContext method, EdgeRef edge)
    {
        var passed = new List<EdgeRef>();
        var stack = new Stack<int?>();
        var locals = new Dictionary<int, int?>();
        var at = edge.Target;
        for (var step = 0; at is not null && step < MaxSteps && method.PointAt(at) is not { IsHidden: false }; step++)
        {
            if (ShortForms.Int32ConstantOf(at) is { } constant)
                stack.Push(constant);
            else if (LocalSlots.Stored(at) is { } stored)
                locals[stored] = stack.Count > 0 ? stack.Pop() : null;
            else if (LocalSlots.Loaded(at) is { } loaded)
                stack.Push(locals.GetValueOrDefault(loaded));
            else if (at.OpCode.Code is Code.Br or Code.Br_S)
            {
                at = (Instruction)at.Operand;
                continue;
            }
            else if (at.OpCode.Code is Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S
                     && stack.Count > 0 && stack.Pop() is { } value)
            {
                var jumps = value != 0 == at.OpCode.Code is Code.Brtrue or Code.Brtrue_S;
                passed.Add(new EdgeRef(at, jumps ? 1 : 0));
                at = jumps ? (Instruction)at.Operand : at.Next;
                continue;
            }
            else if (at.OpCode.Code != Code.Nop)
                break;
            at = at.Next;
        }
        return passed;
    }
}
