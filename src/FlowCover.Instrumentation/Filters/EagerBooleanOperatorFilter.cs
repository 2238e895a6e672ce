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
            if (combine.OpCode.Code is not (Code.And or Code.Or) || TestedBy(combine) is not { } branch || output.IsBranchIgnored(branch))
                continue;
            var leaves = new List<Instruction>();
            if (Operand(method, combine, leaves) is { } tree)
                output.ProbeValue(new EagerChainProbe(combine, tree, leaves), insteadOf: branch);
        }
    }

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
