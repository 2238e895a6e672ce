using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

internal static partial class SourceOutcomeLabels
{
    /// <summary>
    /// Whether no branch among a statement's tests tests the eager <c>or</c>/<c>and</c> of several
    /// of its operands. Release compiles cheap operands of <c>||</c>/<c>&amp;&amp;</c> eagerly
    /// (<c>t % 3 == 0 &amp;&amp; s is { Length: &gt; 2 } || f || q</c>: the pattern's value, then
    /// <c>f</c>, <c>or</c>, <c>q</c>, <c>or</c>, one <c>brtrue</c>); where the eager filter cannot
    /// replay the chain (a value the statement's ways join is one of its operands), that branch is
    /// left as it is. It tests the operands together, no one of them: lined up by number with the
    /// conditions, it took <c>q</c>'s name and counted <c>q true</c> where <c>f</c> was true and
    /// <c>q</c> false. Such a statement is not named as a whole. The user's own eager
    /// <c>a | b</c> (the source writes no <c>||</c>) and a lifted comparison are one condition each, and kept.
    /// </summary>
    private static bool NoCombinedTest(MethodContext method, SequencePoint statement, IReadOnlyList<Site> ordered)
    {
        foreach (var site in ordered)
            if (site is { Branch: { } branch, Value: null, Decision: null } && IsTruthTest(branch)
                && StackProducers.Of(branch, 0, method.JumpTargets) is { OpCode.Code: Code.Or or Code.And } combine
                && IsConditionOperand(method, combine, 0) && IsConditionOperand(method, combine, 1)
                && OutcomeLabels.WritesShortCircuit(method, statement, combine.OpCode.Code == Code.Or))
                return false;
        return true;
    }

    /// <summary>Whether an operand of <paramref name="combine"/> is a condition's truth value: a
    /// comparison, a <c>bool</c> load or call, another <c>or</c>/<c>and</c>, or a value the
    /// statement's ways join (no one instruction pushes it). Not a <c>HasValue</c>: a lifted
    /// operator (<c>n &gt; 2</c> on <c>int?</c>) ands it with the comparison, one condition; nor an
    /// integer (<c>(x &amp; 1) != 0</c>).</summary>
    private static bool IsConditionOperand(MethodContext method, Instruction combine, int operandFromTop) =>
        StackProducers.Of(combine, operandFromTop, method.JumpTargets) is not { } producer
        || producer.OpCode.Code is Code.Or or Code.And
        || StackProducers.PushesBoolean(producer, method.Method) && !NullableCalls.IsHasValue(producer);
}
