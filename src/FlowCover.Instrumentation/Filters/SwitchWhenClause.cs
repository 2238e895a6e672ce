using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// A <c>when</c> clause of a switch arm (<c>Todo t when t.OwnerId == owner || admin =&gt; "ok"</c>)
/// sits between the dispatch and the arm: its condition has a statement of its own, and its
/// last branch goes to the arm when true and on to the next arms when false. For
/// <see cref="SwitchDispatchFilter"/> the clause is part of the dispatch: the arm's outcome is
/// that branch's true edge, and the arm the false edge reaches (the discard, say) is taken
/// through it as well. The condition's own outcomes (2, or 2 per <c>&amp;&amp;</c>/<c>||</c>
/// operand) stay, counted on the switch line. Handled when the condition ends in one branch
/// whose edges both leave the clause, and the condition is probed as a value (eager operands),
/// or that branch tests a boolean or compares two plain loads (then the value is probed here).
/// A condition of several operands that short-circuit (<c>n &gt; 0 &amp;&amp; Check(n) || n == -5</c>:
/// calls keep the compiler from evaluating them eagerly) is one branch per operand, all under the
/// clause's sequence point: each of them is then a decision of two outcomes on the switch line,
/// its edges probed, and the edges that leave the clause are the dispatch's. Otherwise the clause
/// ends the dispatch as any statement does.
/// </summary>
internal static class SwitchWhenClause
{
    private const int MaxWalk = 256;

    /// <summary>The branches of the <c>when</c> condition that starts at <paramref name="start"/>,
    /// if the dispatch can walk through it: the one ending it, or one per operand.</summary>
    public static IReadOnlyList<Instruction>? ConditionBranches(MethodContext method, Instruction start, FilterOutput output, Func<Instruction, bool> isKeptLineStart)
    {
        // Asked at every statement a dispatch reaches: the text is looked at once.
        if (method.PointAt(start) is not { IsHidden: false } point || !FollowsWhen(method, point))
            return null;
        return ConditionBranch(method, start, output, isKeptLineStart) is { } single ? [single] : OperandBranches(method, start, point, output);
    }

    /// <summary>The branch ending the <c>when</c> condition that starts at <paramref name="start"/>,
    /// if the dispatch can walk through it.</summary>
    private static Instruction? ConditionBranch(MethodContext method, Instruction start, FilterOutput output, Func<Instruction, bool> isKeptLineStart)
    {
        var at = start;
        for (var steps = 0; at is not null && steps < MaxWalk; steps++, at = at.Next)
        {
            if (BranchShapes.IsDecisionOpCode(at.OpCode))
                break;
            if (!BranchShapes.FallsThrough(at.OpCode) || at != start && isKeptLineStart(at))
                return null;
        }
        if (at is null || at.OpCode.Code == Code.Switch || !EdgeRef.AllOf(at).All(e => LeavesTheClause(e.Target, output, isKeptLineStart)))
            return null;
        return IsValueProbed(method, start, at, output) || IsBooleanTest(at) || Comparison(at) is not null ? at : null;
    }

    private static bool IsBooleanTest(Instruction branch) => branch.OpCode.Code is Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S;

    /// <summary>For a compare-and-branch on two plain loads (<c>ldarg n; ldarg limit; ble NEXT</c>),
    /// the instructions that push whether the branch jumps: copies of the loads and the
    /// comparison; null for any other branch.</summary>
    private static IReadOnlyList<Instruction>? Comparison(Instruction branch)
    {
        // (a >= b is a > b or a == b, so NaN and unsigned compares go as the branch does.)
        OpCode[]? compare = branch.OpCode.Code switch
        {
            Code.Beq or Code.Beq_S => [OpCodes.Ceq],
            Code.Bne_Un or Code.Bne_Un_S => [OpCodes.Ceq, OpCodes.Ldc_I4_0, OpCodes.Ceq],
            Code.Bgt or Code.Bgt_S => [OpCodes.Cgt],
            Code.Bgt_Un or Code.Bgt_Un_S => [OpCodes.Cgt_Un],
            Code.Blt or Code.Blt_S => [OpCodes.Clt],
            Code.Blt_Un or Code.Blt_Un_S => [OpCodes.Clt_Un],
            Code.Bge or Code.Bge_S => [OpCodes.Cgt, OpCodes.Ceq],
            Code.Bge_Un or Code.Bge_Un_S => [OpCodes.Cgt_Un, OpCodes.Ceq],
            Code.Ble or Code.Ble_S => [OpCodes.Clt, OpCodes.Ceq],
            Code.Ble_Un or Code.Ble_Un_S => [OpCodes.Clt_Un, OpCodes.Ceq],
            _ => null,
        };
        if (compare is null || branch.Previous is not { } right || right.Previous is not { } left || !IsPlainLoad(left) || !IsPlainLoad(right))
            return null;
        var compute = new List<Instruction> { InstructionCopy.Of(left), InstructionCopy.Of(right), Instruction.Create(compare[0]) };
        if (compare is [_, { Code: Code.Ceq }])
            compute.AddRange([InstructionCopy.Of(left), InstructionCopy.Of(right), Instruction.Create(OpCodes.Ceq), Instruction.Create(OpCodes.Or)]);
        else
            compute.AddRange(compare.Skip(1).Select(op => Instruction.Create(op)));
        return compute;
    }

    private static bool IsPlainLoad(Instruction load) =>
        VariableLoads.IsLocalOrArgument(load) || ShortForms.IsInt32Constant(load)
        || load.OpCode.Code is Code.Ldc_I8 or Code.Ldc_R4 or Code.Ldc_R8 or Code.Ldnull;

    /// <summary>
    /// The branches of a condition of several short-circuit operands: the code under the clause's
    /// sequence point, from <paramref name="start"/> to where another point begins, holding only
    /// straight code and two or more conditional branches that are decisions still (none a
    /// switch, none another filter's), whose edges stay in that code or leave it. Null otherwise.
    /// </summary>
    private static List<Instruction>? OperandBranches(MethodContext method, Instruction start, SequencePoint point, FilterOutput output)
    {
        int first = method.IndexOf(start), end = first;
        while (end < method.Instructions.Length && end - first < MaxWalk && method.CoveringPoint(method.Instructions[end]) == point)
            end++;
        var branches = new List<Instruction>();
        for (var i = first; i < end; i++)
        {
            var at = method.Instructions[i];
            if (BranchShapes.IsDecisionOpCode(at.OpCode))
            {
                if (at.OpCode.Code == Code.Switch || output.IsBranchIgnored(at))
                    return null;
                branches.Add(at);
            }
            else if (at.OpCode.FlowControl is FlowControl.Return or FlowControl.Throw || at.OpCode.Code is Code.Leave or Code.Leave_S or Code.Endfinally)
            {
                return null;
            }
        }
        // The code must end in a branch or a jump: falling out of it with no decision is not a condition.
        return branches.Count >= 2 && method.Instructions[end - 1] is { } last && !(BranchShapes.FallsThrough(last.OpCode) && !BranchShapes.IsDecisionOpCode(last.OpCode))
            ? branches
            : null;
    }

    /// <summary>Counts the condition on <paramref name="line"/>: each operand's branch is a
    /// decision there; or its value probes move there; or the branch (now an edge of the
    /// dispatch) has its tested boolean probed.</summary>
    public static void CountOnLine(MethodContext method, Instruction start, IReadOnlyList<Instruction> branches, FilterOutput output, int line)
    {
        if (branches is not [var branch])
        {
            foreach (var operand in branches)
                output.AddDecision(line, OperandOutcomes(operand));
            return;
        }
        if (IsValueProbed(method, start, branch, output))
            output.MoveValueProbes(method.IndexOf(start), method.IndexOf(branch), line);
        else if (IsBooleanTest(branch))
            output.ProbeValue(new StackValueProbe(branch) { Line = line });
        else if (Comparison(branch) is { } compute)
            output.ProbeValue(new ComputedValueProbe(branch, compute, "jump", "no jump") { Line = line });
    }

    /// <summary>An operand's two outcomes, its branch's edges: a boolean's value, or whether the
    /// comparison jumped.</summary>
    private static List<FilteredOutcome> OperandOutcomes(Instruction branch)
    {
        var (taken, notTaken) = branch.OpCode.Code switch
        {
            Code.Brtrue or Code.Brtrue_S => ("true", "false"),
            Code.Brfalse or Code.Brfalse_S => ("false", "true"),
            _ => ("jump", "no jump"),
        };
        return [new FilteredOutcome([new EdgeRef(branch, 1)], taken), new FilteredOutcome([new EdgeRef(branch, EdgeRef.FallThrough)], notTaken)];
    }

    private static bool IsValueProbed(MethodContext method, Instruction start, Instruction branch, FilterOutput output)
    {
        int from = method.IndexOf(start), to = method.IndexOf(branch);
        return output.ValueProbes.Any(p => method.IndexOf(p.At) is var i && i >= from && i <= to);
    }

    /// <summary>The point's text is preceded by <c>when</c> on its line, or begins with it.</summary>
    private static bool FollowsWhen(MethodContext method, SequencePoint point)
    {
        if (method.Sources.Line(point.Document.Url, point.StartLine) is not { } text || point.StartColumn < 1 || point.StartColumn > text.Length + 1)
            return false;
        var before = text.AsSpan(0, point.StartColumn - 1).TrimEnd();
        var from = text.AsSpan(point.StartColumn - 1);
        return before.EndsWith("when", StringComparison.Ordinal) && (before.Length == 4 || !char.IsLetterOrDigit(before[^5]))
            || from.StartsWith("when", StringComparison.Ordinal) && (from.Length == 4 || !char.IsLetterOrDigit(from[4]));
    }

    /// <summary>Whether an edge of the condition's branch reaches, through jumps and hidden
    /// code, an arm (a kept statement), the method's exit or another branch the dispatch holds,
    /// rather than more of the condition.</summary>
    private static bool LeavesTheClause(Instruction? at, FilterOutput output, Func<Instruction, bool> isKeptLineStart)
    {
        for (var steps = 0; at is not null && steps < MaxWalk; steps++)
        {
            if (isKeptLineStart(at) || at.OpCode.FlowControl is FlowControl.Return or FlowControl.Throw || at.OpCode.Code is Code.Leave or Code.Leave_S)
                return true;
            if (BranchShapes.IsDecisionOpCode(at.OpCode))
                return !output.IsBranchIgnored(at);
            if (at.OpCode.Code is not (Code.Br or Code.Br_S or Code.Nop))
                return false;
            at = at.OpCode.Code == Code.Nop ? at.Next : (Instruction)at.Operand;
        }
        return false;
    }
}
