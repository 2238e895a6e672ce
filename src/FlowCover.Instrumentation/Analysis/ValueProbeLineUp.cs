using FlowCover.Instrumentation.Source;

namespace FlowCover.Instrumentation.Analysis;

internal static partial class SourceOutcomeLabels
{
    /// <summary>
    /// Whether each value probe lined up with a condition can count it, where a statement's tests
    /// line up with its conditions by number. Debug stores a <c>?:</c> operand's value, tests it
    /// (the compiler's test) and probes the end of its arms: an arm that writes no condition
    /// (<c>c ? o is int k &amp;&amp; x &gt; 1 : (s ?? "").Length &gt; 0</c>: the second arm's value), or
    /// twice the arm chain's last operand, which is also the arm's value. The number of tests can
    /// still equal the number of conditions, and lined up in order each test took the next one's
    /// name (<c>x &gt; 1 false</c> counted where <c>o</c> was not an <c>int</c>). So two probes of one
    /// value are not two conditions, and in a statement holding a <c>?:</c> a probe is not an
    /// operand of a chain kept as a value that leads on to another operand (<c>o is int k</c>):
    /// only the last one's value is the arm's, probed where the arms join. Elsewhere a probe where
    /// a short-circuit joins counts its operand even where its false leads on (Debug's <c>n is
    /// null</c> in <c>s is { Length: &gt; 2 } &amp;&amp; n is null || f</c>), and is kept. A statement
    /// that fails is not named as a whole.
    /// </summary>
    private static bool ValuesLineUp(IReadOnlyList<Site> ordered, StatementConditions conditions)
    {
        var inConditional = false;
        foreach (var condition in conditions.Conditions)
            inConditional |= condition.Root.Kind == DecisionKind.Conditional;
        var at = 0;
        for (var s = 0; s < ordered.Count; s++)
        {
            var site = ordered[s];
            if (site is { Value: StackValueProbe or FallThroughValueProbe, Decision: null, Branch: null })
            {
                var own = conditions.Conditions[at];
                if (inConditional && own.Root.Kind == DecisionKind.Value && (own.OnTrue.Condition >= 0 || own.OnFalse.Condition >= 0))
                    return false;
                for (var other = 0; other < ordered.Count; other++)
                    if (other != s && ordered[other].At == site.At && ordered[other].Value is StackValueProbe or FallThroughValueProbe)
                        return false;
            }
            at += site.Conditions;
        }
        return true;
    }
}
