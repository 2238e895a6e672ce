using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// <c>a || b</c> used as a value (always in Debug <c>if</c>s, which store the condition first)
/// compiles to a join: the path where <c>a</c> decided pushes a constant, the path that
/// evaluated <c>b</c> pushes its value, and one branch tests the merged result:
/// <code>
///     ldarg a; brtrue L1; ldarg b; br L2
/// L1: ldc.i4.1
/// L2: stloc.0; ldloc.0; brfalse ELSE      (Release: L2: brfalse ELSE)
/// </code>
/// Counting that branch would credit <c>b</c> with an outcome whenever <c>a</c> short-circuited.
/// The branch's real outcomes are <c>b</c>'s, so <c>b</c>'s value is probed where it joins and
/// the merged branch is dropped: the same outcomes Release's direct branches give.
/// </summary>
public sealed class ShortCircuitJoinFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var branch in method.Instructions)
        {
            if (branch.OpCode.Code is not (Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S))
                continue;
            var join = JoinOf(branch);
            if (output.IsBranchIgnored(branch) || join?.Previous is not { } constant || !IsBooleanConstant(constant)
                || IsTargetOfIgnoredBranch(method, constant, output))
                continue; // A constant pushed after a compiler test (HasValue) is no user condition's outcome.
            if (ValuePaths(method, join, output) is not { Count: > 0 } paths)
                continue;
            if (ProbedArmOperands(method, output, constant, paths))
                continue;
            var valuePaths = paths.Select(path => path.Leave).ToList();
            // `var ok = a || b; if (!ok)` in Release: the `if` branches on the joined value, left
            // on the stack or reloaded from the local, under a point of its own. That branch is the
            // `if`'s decision, kept beside the operand's probes.
            var own = InOtherStatement(method, branch, valuePaths);
            foreach (var path in valuePaths)
                output.ProbeValue(new StackValueProbe(path), insteadOf: own ? null : branch);
        }
    }

    /// <summary>
    /// Each operand is computed where its constant's branch is not taken. A value that joins
    /// from elsewhere is an arm of a <c>?:</c> whose other arm holds the short-circuit
    /// (<c>(c ? a &amp;&amp; x &gt; 1 : f) || d</c>): the branch then tests the <c>?:</c>'s value, a
    /// condition of its own, and is kept; only the operands are probed (true, done). Only where the
    /// <c>?:</c> is the whole value tested: joined with an outer operand's constant (<c>k &amp;&amp;
    /// (c ? a &amp;&amp; b : f)</c>, Debug), the branch tests the outer chain, and the paths stay as
    /// they were (false). A method of its own so that its lambdas' captures are made only for a
    /// join, not for every instruction of every body the filter walks.
    /// </summary>
    private static bool ProbedArmOperands(MethodContext method, FilterOutput output, Instruction constant, List<(Instruction Leave, Instruction Constant)> paths)
    {
        var operands = paths.Where(path => IsShortCircuited(method, path.Constant, path.Leave)).Select(path => path.Leave).ToList();
        if (operands.Count == paths.Count || !paths.All(path => operands.Contains(path.Leave) || path.Constant == constant && IsOtherArm(method, constant, path.Leave)))
            return false;
        foreach (var operand in operands)
            output.ProbeValue(new StackValueProbe(operand));
        return true;
    }

    /// <summary>Whether a test jumps to <paramref name="constant"/> and, not taken, goes on to
    /// <paramref name="leave"/>: the operand computed there is the one the constant stands in for.</summary>
    private static bool IsShortCircuited(MethodContext method, Instruction constant, Instruction leave) =>
        method.Instructions.Any(b => b.OpCode.FlowControl == FlowControl.Cond_Branch && b.Operand == constant && FallThroughPath.GoesOnTo(b, leave, leave.Operand as Instruction));

    /// <summary>Whether <paramref name="leave"/> ends the arm a <c>?:</c>'s test falls into while
    /// its jump goes to the arm that holds the short-circuit to <paramref name="constant"/>
    /// (<c>brtrue T; ldarg f; br J; T: ldarg a; brfalse F; ...</c>): the other arm's value.</summary>
    private static bool IsOtherArm(MethodContext method, Instruction constant, Instruction leave) =>
        method.Instructions.Any(test => test.OpCode.FlowControl == FlowControl.Cond_Branch && test.Operand is Instruction arm && FallThroughPath.GoesOnTo(test, leave, leave.Operand as Instruction)
            && method.Instructions.Any(b => b.OpCode.FlowControl == FlowControl.Cond_Branch && b.Operand == constant && (b == arm || FallThroughPath.GoesOnTo(arm, b, leave.Operand as Instruction))));

    /// <summary>Whether <paramref name="branch"/> belongs to a statement other than the one its
    /// joined operands belong to: the next statement tests the value the one before stored or
    /// left on the stack.</summary>
    private static bool InOtherStatement(MethodContext method, Instruction branch, List<Instruction> valuePaths) =>
        method.StatementOf(branch) is { } own && valuePaths.All(path => method.StatementOf(path) is { } operands && operands != own);

    /// <summary>Whether a branch the filters already ignored jumps to <paramref name="target"/>
    /// (kept out of the loop above, so its closure is not made for every instruction); Debug's
    /// test of an <c>or</c> pattern's stored value is the user's short-circuit, not a compiler
    /// test (<see cref="StoredOrPatternTest"/>).</summary>
    private static bool IsTargetOfIgnoredBranch(MethodContext method, Instruction target, FilterOutput output) =>
        method.Instructions.Any(i => i.Operand == target && output.IsBranchIgnored(i) && !StoredOrPatternTest.Is(method, i));

    /// <summary>The jumps that bring an evaluated operand's value to <paramref name="join"/>, each
    /// with the constant its short-circuited ways push instead (the nearest);
    /// null when one brings a constant of its own (no short-circuit's join). A jump whose
    /// constant was fallen into and which is itself jumped to is a nested join: Debug's
    /// <c>a &amp;&amp; (b || c)</c> joins <c>c</c>'s value with <c>b</c>'s constant
    /// (<c>call b; brtrue T; call c; br J; T: ldc.i4.1; J: br JOIN</c>) before joining
    /// <c>a</c>'s, and the operand is <c>c</c>, whose value is probed where it leaves. A constant
    /// that only ignored branches push is a compiler test's (a pattern's null test,
    /// <c>HasValue</c>): the nested join is then one operand's value, probed where it leaves.</summary>
    private static List<(Instruction Leave, Instruction Constant)>? ValuePaths(MethodContext method, Instruction join, FilterOutput output)
    {
        var paths = new List<(Instruction, Instruction)>();
        var pending = new Stack<(Instruction Path, Instruction Constant)>(method.JumpsTo(join).Select(j => (j, join.Previous!)));
        var seen = new HashSet<Instruction>();
        while (pending.TryPop(out var next))
        {
            var (path, constant) = next;
            if (!seen.Add(path))
                continue;
            if (path.Previous is not { } pushed || !IsBooleanConstant(pushed) || PushedByIgnoredTestsOnly(method, pushed, output))
            {
                paths.Add((path, constant));
                continue;
            }
            var inner = method.JumpsTo(path).ToList();
            if (inner.Count == 0)
                return null;
            foreach (var jump in inner)
                pending.Push((jump, pushed));
        }
        return paths;
    }

    /// <summary>Where the tested value's paths meet: the branch itself, or the store of a
    /// temporary the branch reloads (<c>stloc X; ldloc X; br</c>).</summary>
    private static Instruction? JoinOf(Instruction branch)
    {
        if (branch.Previous is { } load && LocalSlots.Loaded(load) is { } slot
            && load.Previous is { } store && LocalSlots.Stored(store) == slot)
            return store;
        return branch;
    }

    /// <summary>Whether only branches the filters ignored jump to <paramref name="constant"/>, and
    /// nothing falls into it.</summary>
    private static bool PushedByIgnoredTestsOnly(MethodContext method, Instruction constant, FilterOutput output) =>
        constant.Previous is { } before && !BranchShapes.FallsThrough(before.OpCode)
        && method.Instructions.Where(i => i.Operand == constant || i.Operand is Instruction[] table && table.Contains(constant)).ToList() is { Count: > 0 } jumps
        && jumps.All(jump => jump.OpCode.FlowControl == FlowControl.Cond_Branch && jump.OpCode.Code != Code.Switch && output.IsBranchIgnored(jump));

    private static bool IsBooleanConstant(Instruction instruction) => instruction.OpCode.Code is Code.Ldc_I4_0 or Code.Ldc_I4_1;
}
