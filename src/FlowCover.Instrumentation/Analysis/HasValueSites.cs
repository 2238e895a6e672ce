using FlowCover.Instrumentation.Il;
using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// A branch on a nullable's <c>HasValue</c> that no filter took into a decision is the compiler's
/// test, written by the source only as a null test (<c>n is null</c>, <c>n != null</c>,
/// <c>n.HasValue</c>). Lined up with any other condition it takes that condition's place and
/// hands every later name to the wrong test (Debug's <c>(x is &gt; 1 and &lt; 5 ? f &amp;&amp; q :
/// n is 1 or 3) || y &lt; 2 &amp;&amp; f</c> named the <c>?:</c>'s test <c>y &lt; 2</c> and
/// <c>f &amp; q</c>'s operands <c>is 1</c>/<c>is 3</c>): such a statement keeps the jump form.
/// </summary>
internal static class HasValueSites
{
    public static bool MayLineUp(Instruction? branch, SourceCondition condition) =>
        branch is null || !NullableCalls.IsHasValue(branch.Previous) || IsNullTest(condition.Text);

    /// <summary>A condition the source writes as a test of the value's presence: a null test, or
    /// a pattern a null fails before anything else (<c>n is { }</c>, <c>n is int k</c>).</summary>
    private static bool IsNullTest(string text) =>
        text.EndsWith("is null", StringComparison.Ordinal) || text.EndsWith("is not null", StringComparison.Ordinal)
        || text.Contains("== null", StringComparison.Ordinal) || text.Contains("!= null", StringComparison.Ordinal)
        || text.EndsWith(".HasValue", StringComparison.Ordinal) || text.Contains("is {", StringComparison.Ordinal)
        || text.Contains("is int ", StringComparison.Ordinal);
}
