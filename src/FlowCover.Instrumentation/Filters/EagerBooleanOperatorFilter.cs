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
/// Only where the statement's source writes <c>||</c>/<c>&amp;&amp;</c> (or a pattern's
/// <c>or</c>/<c>and</c>): the user's own <c>a | b</c> or <c>ok &amp;= x is T</c> compiles to the
/// same IL and is no decision; an <c>if</c> on it has its own two outcomes.
/// </summary>
public sealed class EagerBooleanOperatorFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var combine in method.Instructions)
        {
            if (combine.OpCode.Code is not (Code.And or Code.Or))
                continue;
            // The user's own `a | b`, `ok &= x is T`: eager as written, no decision.
            if (method.StatementOf(combine) is { } written && !OutcomeLabels.WritesShortCircuit(method, written, combine.OpCode.Code == Code.Or))
                continue;
            var branch = TestedBy(combine);
            if (branch is null ? !IsKeptDecision(method, combine) : output.IsBranchIgnored(branch))
                continue;
            var chain = new Chain(method.StatementOf(combine));
            // A value the statement's ways join steers the replay only where the chain is kept: tested
            // (Markdig ParagraphBlockParser.cs:131, `if (!(found && n == 0) && isSet)`), the join's
            // last operand has no probe of its own, and the `if`'s branch keeps the jump form.
            if (Operand(method, combine, chain) is not { } tree || chain.Unprobed.Count == chain.Leaves.Count || chain.Unprobed.Count > 0 && branch is not null)
                continue;
            // `var ok = a || b; if (!ok)` in Release: the `if` tests the chain's value under a
            // point of its own, and that branch is the `if`'s decision, kept beside the operands.
            var own = branch is not null && method.StatementOf(branch) is { } tested && tested != chain.Statement;
            output.ProbeValue(new EagerChainProbe(combine, tree, chain.Leaves) { Entered = chain.Entered, Unprobed = chain.Unprobed },
                insteadOf: own ? null : branch);
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

    /// <summary>The leaves of a chain as they are found, in evaluation order, and the statement
    /// whose chain it is.</summary>
    private sealed record Chain(SequencePoint? Statement)
    {
        public List<Instruction> Leaves { get; } = [];

        public HashSet<int> Entered { get; } = [];

        public HashSet<int> Unprobed { get; } = [];
    }

    /// <summary>The chain below <paramref name="producer"/>, its leaves appended in evaluation
    /// order; null when an operand is not a plain boolean (then the branch stays as it is).</summary>
    private static EagerOperand? Operand(MethodContext method, Instruction producer, Chain chain)
    {
        if (producer.OpCode.Code is Code.And or Code.Or)
        {
            // Entered from elsewhere, its operands could come from other code than the one before it.
            if (method.JumpTargets.Contains(producer) || Side(method, producer, 1, chain) is not { } left || Side(method, producer, 0, chain) is not { } right)
                return null;
            return new EagerCombination(producer.OpCode.Code == Code.Or, left, right);
        }
        if (IsLiftedNullTest(producer) || !StackProducers.PushesBoolean(producer, method.Method))
            return null;
        chain.Leaves.Add(producer);
        return new EagerLeaf(chain.Leaves.Count - 1);
    }

    /// <summary>
    /// An operand of <paramref name="combine"/>: the chain below the instruction that pushes it,
    /// or, where no instruction of the straight-line code before pushes it, a value on the stack
    /// as control enters that code. At the start of a statement, a value the statement before
    /// left there (Release's <c>bool either = prev || next;</c>, <c>prev</c> computed by the
    /// statement before the one that computed <c>next</c>, Markdig CharHelper.cs:203), also where
    /// that start is the chain's own: an operand, probed. Inside the chain's own statement, a value
    /// its ways join (<c>!(a() || b()) &amp;&amp; c</c>): the statement's own branches and probes
    /// count its conditions, so it only steers the replay. Null otherwise.
    /// </summary>
    private static EagerOperand? Side(MethodContext method, Instruction combine, int operandFromTop, Chain chain)
    {
        if (StackProducers.Of(combine, operandFromTop, method.JumpTargets) is { } producer)
            return Operand(method, producer, chain);
        if (StackProducers.EnteredAt(combine, operandFromTop, method.JumpTargets) is not { } entry)
            return null;
        var leftBefore = method.PointAt(entry) is { IsHidden: false };
        if (!leftBefore && (chain.Statement is null || method.CoveringPoint(entry) != chain.Statement))
            return null;
        chain.Entered.Add(chain.Leaves.Count);
        if (!leftBefore)
            chain.Unprobed.Add(chain.Leaves.Count);
        chain.Leaves.Add(entry);
        return new EagerLeaf(chain.Leaves.Count - 1);
    }

    /// <summary>A lifted operator (<c>rate &gt; 1m</c> on <c>decimal?</c>) ands the comparison with
    /// <c>HasValue</c>: one condition of the user's, not two.</summary>
    private static bool IsLiftedNullTest(Instruction producer) => NullableCalls.IsHasValue(producer);

    /// <summary>The branch that tests the combination, directly or through a Debug temporary.</summary>
    private static Instruction? TestedBy(Instruction combine)
    {
        var next = combine.Next;
        if (next is not null && LocalSlots.Stored(next) is { } slot && next.Next is { } load && LocalSlots.Loaded(load) == slot)
            next = load.Next;
        return next?.OpCode.Code is Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S ? next : null;
    }
}
