using FlowCover.Instrumentation.Il;
using FlowCover.Instrumentation.Source;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// A branch that tests whether a value is there, and that no filter took into a decision, is the
/// compiler's test, written by the source only as a null test (<c>n is null</c>, <c>s != null</c>,
/// <c>s?.Length</c>, a pattern a null fails first): a branch on a nullable's <c>HasValue</c>, or a
/// truth test (<c>brtrue</c>/<c>brfalse</c>) of a reference that is not a type test's
/// (<c>isinst</c>). Lined up with any other condition it takes that condition's place and hands
/// every later name to the wrong test: Debug's <c>(x is &gt; 1 and &lt; 5 ? f &amp;&amp; q : n is 1
/// or 3) || y &lt; 2 &amp;&amp; f</c> named the <c>?:</c>'s test <c>y &lt; 2</c> and <c>f &amp; q</c>'s
/// operands <c>is 1</c>/<c>is 3</c>; <c>s is { Length: &gt; 2 } &amp;&amp; f || q</c>, whose pattern the
/// compiler keeps as a value (<c>s</c>'s null test, then <c>s.Length &gt; 2</c> or 0, <c>and</c>
/// <c>f</c>), named the null test <c>Length: &gt; 2</c> and the pattern's value <c>f</c> (<c>f false
/// 4</c> where <c>f</c> never ran; found by BuildsAgreeTests' OutcomeTruth). Such a statement keeps
/// the jump form.
/// </summary>
internal static class NullTestSites
{
    public static bool MayLineUp(MethodContext method, Instruction? branch, SourceCondition condition) =>
        branch is null
        || (NullableCalls.IsHasValue(branch.Previous) ? IsPresenceTest(condition.Text)
            : !TestsReference(method, branch) || TestsReferenceItself(condition.Text));

    private static bool TestsReference(MethodContext method, Instruction branch) =>
        branch.OpCode.Code is Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S
        && StackProducers.Of(branch, 0, method.JumpTargets) is { } producer && PushesReference(producer, method.Method);

    /// <summary>Whether <paramref name="producer"/> loads a reference (a class, an interface, an
    /// array, a string): a local, an argument, a field or a call's result. Not <c>isinst</c>, a type
    /// test the source writes (<c>o is string</c>).</summary>
    private static bool PushesReference(Instruction producer, MethodDefinition method) =>
        StackProducers.LoadedType(producer, method) is { IsValueType: false, IsGenericParameter: false } type
        && type.MetadataType is MetadataType.Class or MetadataType.String or MetadataType.Object or MetadataType.Array or MetadataType.GenericInstance;

    /// <summary>A condition the source writes as a test of the value's presence: a null test, or
    /// a pattern a null fails before anything else (<c>n is { }</c>, <c>n is int k</c>).</summary>
    private static bool IsPresenceTest(string text) =>
        text.EndsWith("is null", StringComparison.Ordinal) || text.EndsWith("is not null", StringComparison.Ordinal)
        || text.Contains("== null", StringComparison.Ordinal) || text.Contains("!= null", StringComparison.Ordinal)
        || text.EndsWith(".HasValue", StringComparison.Ordinal) || text.Contains("is {", StringComparison.Ordinal)
        || text.Contains("is int ", StringComparison.Ordinal);

    /// <summary>A condition whose test can be a test of a reference itself: a comparison with
    /// <c>null</c> (<c>node?.Next is not null</c> too), or a pattern of a reference (<c>o is Foo
    /// f</c>, a null test where <c>o</c> is a <c>Foo</c>) that reads through no <c>?.</c>, <c>?[</c>
    /// or <c>??</c>: their null test is the compiler's, and the condition's own test comes after
    /// (Release's <c>s == "a" ? arr.Length &gt; 1 : s?.Length &gt; 1 &amp;&amp; y &lt; 2</c> named
    /// <c>s</c>'s null test <c>s?.Length &gt; 1</c> and the compare of the length <c>y &lt; 2</c>).</summary>
    private static bool TestsReferenceItself(string text) =>
        text.Contains("null", StringComparison.Ordinal)
        || text.Contains(" is ", StringComparison.Ordinal)
        && !text.Contains("?.", StringComparison.Ordinal) && !text.Contains("?[", StringComparison.Ordinal) && !text.Contains("??", StringComparison.Ordinal);
}
