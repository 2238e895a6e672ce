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
            if (TestsCombined(method, statement, site))
                return false;
        return !CombinesAnywhere(method, statement, ordered);
    }

    /// <summary>Whether the site is a branch on the eager <c>or</c>/<c>and</c> of several conditions.</summary>
    private static bool TestsCombined(MethodContext method, SequencePoint statement, Site site) =>
        site is { Branch: { } branch, Value: null, Decision: null } && IsTruthTest(branch)
        && StackProducers.Of(branch, 0, method.JumpTargets) is { OpCode.Code: Code.Or or Code.And } combine
        && CombinesConditions(method, statement, combine);

    /// <summary>
    /// Whether the statement's code, anywhere, combines two conditions' values eagerly, whatever
    /// then tests the result: Debug stores it in a temporary before its branch (<c>and; stloc;
    /// ldloc; brfalse</c>), a value probe reads it, or a catch filter hands it to
    /// <c>endfilter</c>. Those operands have no test of their own either, and lined up by number
    /// their names went to other tests: Debug's iterator <c>if (s is { Length: &gt; 2 } &amp;&amp; f
    /// &amp;&amp; q)</c> read <c>q false 5</c> (the whole condition's false) and Release's filter
    /// <c>when (e is DivideByZeroException || f)</c> read <c>f false 1</c> where <c>f</c> never ran
    /// (found by BuildsAgreeTests' OutcomeTruth). The statement's code runs from its point, before
    /// its first test, to the next point of another statement. A chain an
    /// <see cref="EagerChainProbe"/> replays is counted operand by operand: its combinations are
    /// not looked at.
    /// </summary>
    private static bool CombinesAnywhere(MethodContext method, SequencePoint statement, IReadOnlyList<Site> ordered)
    {
        var replayed = new List<(int From, int To)>();
        foreach (var site in ordered)
            if (site.Value is EagerChainProbe chain && chain.Leaves.Count > 0)
                replayed.Add((chain.Leaves.Min(method.IndexOf), method.IndexOf(chain.At)));
        var at = ordered[0].At;
        for (var steps = 0; at.Previous is { } previous && method.PointAt(at) != statement && steps < MaxWalk; steps++)
            at = previous;
        for (var steps = 0; at is not null && steps < MaxWalk; at = at.Next, steps++)
        {
            if (method.PointAt(at) is { IsHidden: false } point && point != statement)
                return false;
            if (at.OpCode.Code is Code.Or or Code.And && !IsReplayed(method.IndexOf(at), replayed) && CombinesConditions(method, statement, at))
                return true;
        }
        return false;
    }

    private static bool IsReplayed(int index, List<(int From, int To)> replayed)
    {
        foreach (var (from, to) in replayed)
            if (index >= from && index <= to)
                return true;
        return false;
    }

    private static bool CombinesConditions(MethodContext method, SequencePoint statement, Instruction combine) =>
        IsConditionOperand(method, combine, 0) && IsConditionOperand(method, combine, 1)
        && OutcomeLabels.WritesShortCircuit(method, statement, combine.OpCode.Code == Code.Or);

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
