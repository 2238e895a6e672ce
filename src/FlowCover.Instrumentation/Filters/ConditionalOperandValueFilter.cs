using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// A <c>?:</c> that is an operand of <c>&amp;&amp;</c>/<c>||</c> is its condition plus the value
/// it chooses, a condition of the chain (docs/annotations.md). Kept as a value (Markdig
/// CharHelper.cs:201, <c>bool prev = IsCjk(r) || (two ? IsAmbiguous(r, pc) : IsSelector(r));</c>),
/// nothing branches on that value: each arm leaves it and goes to where the arms join, and from
/// there it is stored (Debug, joined once more with the <c>||</c>'s constant) or left on the
/// stack for the next statement (Release, the arms jumping straight to the <c>||</c>'s join):
/// <code>
///     ldloc two; brtrue T; ldloc r; call IsSelector; br J
/// T:  ldloc r; ldarg pc; call IsAmbiguous                  (Release: br J)
/// J:  ...
/// </code>
/// So the value is probed at the end of each arm, one probe pair for both (a run takes one arm),
/// where the source says the statement holds one such <c>?:</c> and its code one such shape.
/// </summary>
public sealed partial class ConditionalOperandValueFilter : ICompilerPatternFilter
{
    // A quick look at the statement's lines (each by itself) before the source is asked.
    [System.Text.RegularExpressions.GeneratedRegex(@"\?[^?.\[]")]
    private static partial System.Text.RegularExpressions.Regex ConditionalOperator();

    [System.Text.RegularExpressions.GeneratedRegex(@"&&|\|\|")]
    private static partial System.Text.RegularExpressions.Regex ChainOperator();

    public void Apply(MethodContext method, FilterOutput output)
    {
        SequencePoint? statement = null;
        ArmValuesProbe? found = null;
        var count = 0;
        foreach (var branch in method.Instructions)
        {
            if (branch.OpCode.Code is not (Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S) || output.IsBranchIgnored(branch)
                || Arms(method, branch) is not { } arms || method.StatementOf(branch) is not { } own)
                continue;
            if (own != statement)
            {
                Probe(method, output, statement, found, count);
                (statement, count) = (own, 0);
            }
            found = arms;
            count++;
        }
        Probe(method, output, statement, found, count);
    }

    /// <summary>Probes the one shape found in <paramref name="statement"/>, when it is the only one
    /// and the source says the statement holds one <c>?:</c> operand.</summary>
    private static void Probe(MethodContext method, FilterOutput output, SequencePoint? statement, ArmValuesProbe? arms, int count)
    {
        if (count != 1 || statement is null || arms is null || method.StatementOf(arms.At) != statement || IsProbed(output, arms)
            || !method.Sources.Matches(statement, ConditionalOperator()) || !method.Sources.Matches(statement, ChainOperator())
            || !OutcomeLabels.HoldsConditionalOperand(method, statement))
            return;
        output.ProbeValue(arms);
    }

    /// <summary>Whether a filter probes a value at either arm's end or at the join already (Debug's
    /// <c>if (a || (f ? b() : c()))</c>: <see cref="ShortCircuitJoinFilter"/>).</summary>
    private static bool IsProbed(FilterOutput output, ArmValuesProbe arms)
    {
        var join = arms.OtherFallsInto ? arms.Other : arms.Other.Operand as Instruction;
        return output.ValueProbes.Any(p => p.At == arms.At || p.At == arms.Other || join is not null && p.At == join);
    }

    /// <summary>
    /// The ends of the arms of a <c>?:</c> whose condition <paramref name="branch"/> tests: the code
    /// it falls into runs straight to a jump to the join, and the code it jumps to, right after,
    /// runs straight to a jump there too or falls into it (or both arms to a <c>ret</c>); each arm's
    /// value, a <c>bool</c> its own code pushes, on top of the stack at its end. Null for any other shape, or where a branch
    /// tests the joined value (a <c>?:</c> used as a condition has outcomes of its own there).
    /// </summary>
    private static ArmValuesProbe? Arms(MethodContext method, Instruction branch)
    {
        if (branch.Operand is not Instruction whenTaken || StraightTo(method, branch.Next, null) is not { } firstEnd
            || firstEnd.Next != whenTaken || !PushesBooleanAt(method, firstEnd))
            return null;
        if (firstEnd.OpCode.Code == Code.Ret)
        {
            // Returned (Release drops the local): each arm returns its value.
            return StraightTo(method, whenTaken, null) is { OpCode.Code: Code.Ret } returns && PushesBooleanAt(method, returns)
                ? new ArmValuesProbe(firstEnd, returns, false) : null;
        }
        if (firstEnd.OpCode.Code is not (Code.Br or Code.Br_S) || firstEnd.Operand is not Instruction join || StraightTo(method, whenTaken, join) is not { } secondEnd)
            return null;
        var fallsInto = secondEnd == join;
        if (fallsInto ? !PushesBooleanAt(method, join) : secondEnd.OpCode.Code is not (Code.Br or Code.Br_S) || secondEnd.Operand != join || !PushesBooleanAt(method, secondEnd))
            return null;
        if (IsTest(join) || LocalSlots.Stored(join) is { } slot && join.Next is { } load && LocalSlots.Loaded(load) == slot && load.Next is { } test && IsTest(test))
            return null;
        return new ArmValuesProbe(firstEnd, fallsInto ? join : secondEnd, fallsInto);
    }

    /// <summary>From <paramref name="start"/>, the first instruction that does not go on to the next
    /// (a jump, a return), or <paramref name="stop"/> when reached first; null where a conditional
    /// branch comes first, or another instruction after <paramref name="start"/> is jumped to.</summary>
    private static Instruction? StraightTo(MethodContext method, Instruction? start, Instruction? stop)
    {
        var at = start;
        for (var steps = 0; at is not null && steps < 64; steps++, at = at.Next)
        {
            if (at == stop)
                return at;
            if (at != start && method.JumpTargets.Contains(at) || at.OpCode.FlowControl is FlowControl.Cond_Branch)
                return null;
            if (!BranchShapes.FallsThrough(at.OpCode))
                return at;
        }
        return null;
    }

    /// <summary>Whether the value on top of the stack as control leaves the code before
    /// <paramref name="end"/> is a <c>bool</c> an instruction of that arm pushed (the walk back
    /// stops at the arm's start: the branch before the first, the jump target of the second).</summary>
    private static bool PushesBooleanAt(MethodContext method, Instruction end) =>
        StackProducers.Of(end, 0, method.JumpTargets) is { } producer && StackProducers.PushesBoolean(producer, method.Method);

    private static bool IsTest(Instruction instruction) => instruction.OpCode.Code is Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S;
}
