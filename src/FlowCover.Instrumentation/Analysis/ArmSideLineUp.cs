using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

internal static partial class SourceOutcomeLabels
{
    /// <summary>
    /// Whether the tests lined up with conditions written in the arms of a <c>?:</c> lie on their
    /// arms' sides of the <c>?:</c>'s test. The conditions are listed with the <c>false</c> arm's
    /// first, as the compiler places a <c>?:</c> kept as a value; one lowered to an <c>if</c> (a
    /// spill in an async or iterator method) or tested as a branch is placed the other way round,
    /// and an arm that writes no condition still has its value probed. Lined up by number, a test
    /// took a condition of the other arm: Release's <c>x == y &amp;&amp; (x is &gt; 1 and &lt; 5 ? o is
    /// string : n &gt; 2)</c> named <c>n &gt; 2</c>'s value <c>o is string</c>, and async Debug's
    /// <c>(!f ? n is 1 or 3 : n is null)</c> named the <c>HasValue</c> test of <c>n is 1 or 3</c>
    /// <c>n is null</c> (found by BuildsAgreeTests' OutcomeTruth). So an edge of the <c>?:</c>'s
    /// test that enters an arm (leads on to no other test of its condition) must not reach tests of
    /// both arms, and, where the edges tell the test's sense, none of the other arm's.
    /// </summary>
    private static bool ArmsLineUp(MethodContext method, SequencePoint statement, EdgeWalk walk, IReadOnlyList<Site> ordered, StatementConditions conditions)
    {
        var at = 0;
        for (var s = 0; s < ordered.Count; s++)
        {
            var test = ordered[s];
            var condition = conditions.Conditions[at];
            at += test.Conditions;
            if (condition.Root.Kind != DecisionKind.Conditional || test.Branch is not { } branch || test.Value is not null || test.Conditions != 1 || IsTable(branch))
                continue;
            var sense = TakenIsTrue(walk, branch, condition);
            foreach (var (start, taken) in new[] { ((Instruction)branch.Operand, true), (branch.Next, false) })
            {
                // An edge that leads on to another of the `?:`'s tests (`a || b ? x : y`) is not
                // one arm's entry.
                if (ReachesTestOf(method, statement, ordered, conditions, condition.Root, s, start))
                    continue;
                var sides = ArmSidesReached(method, statement, ordered, conditions, condition.Root, start);
                // Both arms from one edge; or, where the edges tell the sense, the other arm's.
                if (sides == (true, true) || sense is { } takenIsTrue && (taken == takenIsTrue ? sides.WhenFalse : sides.WhenTrue))
                    return false;
            }
        }
        return ArmEndsLineUp(ordered, conditions);
    }

    /// <summary>Whether a test of <paramref name="root"/>'s conditions other than the one at
    /// <paramref name="self"/> is reached from <paramref name="start"/>.</summary>
    private static bool ReachesTestOf(MethodContext method, SequencePoint statement, IReadOnlyList<Site> ordered, StatementConditions conditions, ConditionRoot root, int self, Instruction? start)
    {
        var at = 0;
        for (var s = 0; s < ordered.Count; s++)
        {
            var condition = conditions.Conditions[at];
            at += ordered[s].Conditions;
            if (s != self && ReferenceEquals(condition.Root, root) && Reaches(method, statement, start, ordered[s].At))
                return true;
        }
        return false;
    }

    /// <summary>Which arms of the <c>?:</c> tested for <paramref name="root"/> the tests reached
    /// from <paramref name="start"/> are lined up with conditions of.</summary>
    private static (bool WhenTrue, bool WhenFalse) ArmSidesReached(MethodContext method, SequencePoint statement, IReadOnlyList<Site> ordered, StatementConditions conditions, ConditionRoot root, Instruction? start)
    {
        var (whenTrue, whenFalse) = (false, false);
        var at = 0;
        for (var s = 0; s < ordered.Count; s++)
        {
            var first = at;
            at += ordered[s].Conditions;
            for (var k = first; k < at; k++)
                if (conditions.Conditions[k].Arm is { } arm && ReferenceEquals(arm.Conditional, root) && Reaches(method, statement, start, ordered[s].At))
                    (whenTrue, whenFalse) = arm.WhenTrue ? (true, whenFalse) : (whenTrue, true);
        }
        return (whenTrue, whenFalse);
    }

    /// <summary>
    /// Whether two values probed where each jumps to the same join, the two arms' ends of one
    /// <c>?:</c>, are lined up with conditions of that <c>?:</c>'s two arms, one each. Where one
    /// arm writes no condition they cannot be: Release's <c>t % 3 == 0 &amp;&amp; (x &lt; 0 ? n is
    /// null : !f)</c> probes <c>!f</c>'s value and <c>n is null</c>'s, and lined up by number they
    /// were named <c>n is null</c> and the whole <c>?:</c>'s (<c>n is null true 2</c> where it was
    /// never true). This needs no sense of the <c>?:</c>'s test, which its edges there do not tell.
    /// </summary>
    private static bool ArmEndsLineUp(IReadOnlyList<Site> ordered, StatementConditions conditions)
    {
        var at = 0;
        for (var s = 0; s < ordered.Count; s++)
        {
            var first = at;
            at += ordered[s].Conditions;
            if (ordered[s] is not { Value: StackValueProbe, Branch: null, Conditions: 1, At: { OpCode.FlowControl: FlowControl.Branch, Operand: Instruction join } })
                continue;
            var later = at;
            for (var o = s + 1; o < ordered.Count; o++)
            {
                var index = later;
                later += ordered[o].Conditions;
                if (ordered[o] is not { Value: StackValueProbe, Branch: null, Conditions: 1, At: { OpCode.FlowControl: FlowControl.Branch, Operand: Instruction otherJoin } } || otherJoin != join)
                    continue;
                if (conditions.Conditions[first].Arm is not { } arm || conditions.Conditions[index].Arm is not { } otherArm
                    || !ReferenceEquals(arm.Conditional, otherArm.Conditional) || arm.WhenTrue == otherArm.WhenTrue)
                    return false;
            }
        }
        return true;
    }

    /// <summary>Whether <paramref name="target"/> is reached from <paramref name="start"/> going
    /// forward only (no loop's way back), within the statement's code.</summary>
    private static bool Reaches(MethodContext method, SequencePoint statement, Instruction? start, Instruction target)
    {
        var seen = new HashSet<Instruction>();
        var pending = new Stack<Instruction>();
        if (start is not null)
            pending.Push(start);
        while (pending.Count > 0 && seen.Count < MaxWalk)
        {
            var at = pending.Pop();
            if (at == target)
                return true;
            if (!seen.Add(at) || method.PointAt(at) is { IsHidden: false } point && point != statement)
                continue;
            switch (at.OpCode.FlowControl)
            {
                case FlowControl.Return or FlowControl.Throw:
                    continue;
                case FlowControl.Branch or FlowControl.Cond_Branch when at.Operand is Instruction jump:
                    if (jump.Offset > at.Offset)
                        pending.Push(jump);
                    if (at.OpCode.FlowControl == FlowControl.Branch)
                        continue;
                    break;
            }
            if (at.Next is { } next)
                pending.Push(next);
        }
        return false;
    }
}
