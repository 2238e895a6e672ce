using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// When the operands of <c>&amp;&amp;</c> and <c>||</c> are cheap and side-effect free (boolean
/// locals, parameters, comparisons), the compiler evaluates them all and combines them with
/// eager <c>and</c>/<c>or</c> feeding one branch: <c>a &amp;&amp; b || c</c> becomes
/// <c>a; b; and; c; or; brfalse</c>. The user still wrote a condition per operand. So the branch
/// on the combination is dropped and each operand is probed as a condition, counted only when
/// short-circuit evaluation would have evaluated it: the outcomes the branching form gives.
/// </summary>
public sealed class EagerBooleanOperatorFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var combine in method.Instructions)
        {
            if (combine.OpCode.Code is not (Code.And or Code.Or))
                continue;
            var branch = TestedBy(combine);
            if (branch is null ? !IsKeptDecision(method, combine) : output.IsBranchIgnored(branch))
                continue;
            var leaves = new List<Instruction>();
            if (Operand(method, combine, leaves) is not { } tree)
                continue;
            // `var ok = a || b; if (!ok)` in Release: the `if` tests the chain's value under a
            // point of its own, and that branch is the `if`'s decision, kept beside the operands.
            var own = branch is not null && method.StatementOf(branch) is { } tested && tested != method.StatementOf(combine);
            output.ProbeValue(new EagerChainProbe(combine, tree, leaves), insteadOf: own ? null : branch);
        }
    }

    /// <summary>Whether the chain's value is returned or stored whole (<c>var ok = a || b;</c>,
    /// <c>=&gt; n != -1 || optional</c>) in a statement whose source keeps a <c>&amp;&amp;</c>/<c>||</c>
    /// as a value: its operands are then conditions as they are where it is tested (eager
    /// <c>a &amp; b</c> on booleans, no decision, compiles to the same IL).</summary>
    private static bool IsKeptDecision(MethodContext method, Instruction combine) =>
        combine.Next is { } keeper
        && ValueDestination.Keeps(keeper)
        && method.StatementOf(combine) is { } statement && OutcomeLabels.KeepsDecisionValue(method, statement);

    /// <summary>The chain below <paramref name="producer"/>, its leaves appended in evaluation
    /// order; null when an operand is not a plain boolean (then the branch stays as it is).</summary>
    private static EagerOperand? Operand(MethodContext method, Instruction producer, List<Instruction> leaves)
    {
        if (producer.OpCode.Code is Code.And or Code.Or)
        {
            var leftProducer = StackProducers.Of(producer, 1, method.JumpTargets);
            var rightProducer = StackProducers.Of(producer, 0, method.JumpTargets);
            if (leftProducer is null || rightProducer is null || Operand(method, leftProducer, leaves) is not { } left
                || Operand(method, rightProducer, leaves) is not { } right)
                return null;
            return new EagerCombination(producer.OpCode.Code == Code.Or, left, right);
        }
        if (IsLiftedNullTest(producer) || !StackProducers.PushesBoolean(producer, method.Method))
            return null;
        leaves.Add(producer);
        return new EagerLeaf(leaves.Count - 1);
    }

    /// <summary>A lifted operator (<c>rate &gt; 1m</c> on <c>decimal?</c>) ands the comparison with
    /// <c>HasValue</c>: one condition of the user's, not two.</summary>
    private static bool IsLiftedNullTest(Instruction producer) => LiftedNullableFilter.IsNullableHasValue(producer);

    /// <summary>The branch that tests the combination, directly or through a Debug temporary.</summary>
    private static Instruction? TestedBy(Instruction combine)
    {
        var next = combine.Next;
        if (next is not null && LocalSlots.Stored(next) is { } slot && next.Next is { } load && LocalSlots.Loaded(load) == slot)
            next = load.Next;
        return next?.OpCode.Code is Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S ? next : null;
    }
}
