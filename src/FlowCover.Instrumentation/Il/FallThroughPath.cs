using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Il;

/// <summary>Where control goes when a branch is not taken: on through the code after it, by
/// either way of the later tests, to the place their values join.</summary>
internal static class FallThroughPath
{
    private const int MaxSteps = 512;

    /// <summary>Whether control that does not take <paramref name="branch"/> reaches
    /// <paramref name="end"/>, by any way of the tests after it, without passing
    /// <paramref name="join"/> (where the values meet) or leaving the method: the operand a
    /// short-circuit's constant stands in for is computed on that way (<c>a &amp;&amp; x &gt; 1</c>
    /// is <c>ldarg a; brfalse F; ldarg x; ldc 1; cgt; br J; F: ldc.i4.0; J:</c>; a <c>?.</c> in
    /// the operand adds a null test and a way of its own to <c>J</c>).</summary>
    public static bool GoesOnTo(Instruction branch, Instruction end, Instruction? join)
    {
        var pending = new Stack<Instruction>();
        var seen = new HashSet<Instruction>();
        if (branch.Next is { } first)
            pending.Push(first);
        while (pending.TryPop(out var at) && seen.Count < MaxSteps)
        {
            if (at == end)
                return true;
            if (at == join || !seen.Add(at))
                continue;
            if (at.Operand is Instruction target && at.OpCode.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch)
                pending.Push(target);
            else if (at.Operand is Instruction[] table)
                foreach (var entry in table)
                    pending.Push(entry);
            if (BranchShapes.FallsThrough(at.OpCode) && at.Next is { } next)
                pending.Push(next);
        }
        return false;
    }
}
