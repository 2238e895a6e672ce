using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Release: a jump with its own <c>br</c> right after an <c>if</c> whose block ends with a
/// <c>try</c> (<c>if (x &gt; 1) { try { ... } finally { ... } } else { ... } break;</c>): the
/// <c>try</c>'s <c>leave</c> goes straight to the jump's target, past the jump's <c>br</c>, so
/// the jump ran once more each time the <c>finally</c> completed after that <c>leave</c>. No
/// probe can count that: one on the <c>leave</c> runs before the <c>finally</c>, which may throw
/// (then the jump never ran), and the target is reached by other ways too. The jump's own
/// <c>br</c> counts only some of its runs, a count too low, so the line is left out (the
/// jump-after-if rule, <see cref="JumpAfterIfLines"/>, asks this).
/// </summary>
internal static class JumpsPastFinally
{
    /// <summary>Whether <paramref name="instruction"/> of the <c>if</c>'s own code is a
    /// <c>leave</c> to the jump's target (<paramref name="isTarget"/>).</summary>
    public static bool LeavesTo(Instruction instruction, Func<Instruction?, bool> isTarget) =>
        instruction.OpCode.Code is Code.Leave or Code.Leave_S && isTarget(instruction.Operand as Instruction);

    /// <summary>Leaves out the jump at <paramref name="jump"/>: its own probe would count too few.</summary>
    public static void LeaveOut(HiddenLines hidden, LineSite jump) => hidden.Lines.Remove(jump);
}
