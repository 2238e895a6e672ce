using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

internal static partial class SourceOutcomeLabels
{
    /// <summary>
    /// Where a statement's tests do not line up with its conditions as a whole (the compiler adds
    /// tests of its own further on: a nullable pattern's <c>HasValue</c>, a test of a value it
    /// stored), its first tests may still be its first conditions, one each. A value probe among
    /// them (<c>x == y</c> kept as a value before a pattern) counts its operand's value, and the
    /// whole decision's words (<c>true</c>, <c>false</c>) would say the <c>if</c> was false where
    /// only that operand was: it is named by its operand (<c>x == y true</c>) where every branch
    /// before it goes both ways where its condition says, one reaching the probe where the source says that
    /// operand is read next, and where the value probed is computed on one straight run after the
    /// test before it (<see cref="ComputedStraight"/>). A branch among them that tests an eager
    /// <c>and</c>/<c>or</c> of operands is no one operand's test: Debug's <c>while ((n &gt; 2
    /// &amp;&amp; f) &amp;&amp; ++g &lt; 3)</c> on <c>int? n</c> tests <c>n &gt; 2 &amp; f</c> and probes
    /// <c>++g &lt; 3</c>, which lined up by number took <c>f</c>'s name (found by BuildsAgreeTests'
    /// OutcomeTruth). The branches keep the jump form, as the rest of the statement.
    /// </summary>
    private static void LabelLeadingValues(MethodContext method, SourceDocument syntax, SequencePoint statement, List<Site> ordered, StatementConditions conditions,
        Func<Instruction, bool> isPlumbing, Dictionary<object, IReadOnlyList<string>> labels)
    {
        var count = 0;
        while (count < ordered.Count && count < conditions.Conditions.Count && IsOneCondition(ordered[count]))
            count++;
        // The longest run whose tests can be its conditions (a pattern's compare of 1 is not `is 3`).
        while (count > 0 && !LinesUp(method, ordered.GetRange(0, count), conditions))
            count--;
        var leading = ordered.GetRange(0, count);
        if (!leading.Exists(s => s.Branch is null))
            return;
        var conditionAt = new List<(Instruction At, int Condition)>(count);
        for (var s = 0; s < count; s++)
            conditionAt.Add((leading[s].At, s));
        var walk = new EdgeWalk(method, syntax, conditionAt, isPlumbing);
        var reached = new HashSet<int>(); // Conditions a checked branch's edge leads to.
        for (var s = 0; s < count; s++)
        {
            var site = leading[s];
            var own = conditions.Conditions[s];
            if (site.Branch is { } branch)
            {
                if (TestsCombined(method, statement, site))
                    return;
                // Both edges must go where the source says: a compiler's test the source does not
                // count (a pattern's null test) sends both to one place, and the run stops there.
                if (TakenIsTrue(walk, branch, own) is not { } takenIsTrue)
                    return;
                var (onTaken, onFall) = takenIsTrue ? (own.OnTrue, own.OnFalse) : (own.OnFalse, own.OnTrue);
                if (!Leads(walk.Meaning((Instruction)branch.Operand, own.Root, 0), onTaken) || !Leads(walk.Meaning(branch.Next, own.Root, 0), onFall))
                    return;
                reached.Add(onTaken.Condition);
                reached.Add(onFall.Condition);
                continue;
            }
            if (!reached.Contains(s) || own.OnTrue is { Condition: -1, Value: false } || own.OnFalse is { Condition: -1, Value: true }
                || !ComputedStraight(method, leading[s - 1].At, site.At))
                return;
            labels[site.Key] = [own.TrueLabel, own.FalseLabel];
        }
    }

    /// <summary>Whether the value probed at <paramref name="at"/> is computed on one straight run
    /// after the test at <paramref name="from"/>: no other way jumps into it (a constant pushed
    /// where an operand short-circuited), and no eager <c>&amp;</c>, <c>|</c> or <c>^</c> joins
    /// booleans in it (Debug's <c>f &amp;&amp; q</c> as <c>f &amp; q</c>): the value is one operand's.</summary>
    private static bool ComputedStraight(MethodContext method, Instruction from, Instruction at)
    {
        for (var i = from.Next; i is not null; i = i.Next)
        {
            if (method.JumpTargets.Contains(i))
                return false;
            if (i == at)
                return true;
            if (i.OpCode.Code is Code.And or Code.Or or Code.Xor)
                return false;
        }
        return false;
    }

    /// <summary>A branch (not a jump table) or a value probe of one boolean: one condition.</summary>
    private static bool IsOneCondition(Site site) =>
        site is { Conditions: 1, Decision: null }
        && (site.Branch is { } branch ? site.Value is null && !IsTable(branch) : site.Value is StackValueProbe or FallThroughValueProbe);
}
