using System.Text.RegularExpressions;
using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// A property pattern on a reference (<c>s is { Carrier: "DHL", WeightKg: &lt; 30 }</c>) first
/// tests the value for null, then each property: <c>ldarg s; brfalse FAIL; ldarg s; callvirt
/// get_Carrier; ...; brfalse FAIL</c>. The source has a condition per property and no null
/// test of its own (on a value declared non-nullable it can never fail), so the null test is
/// folded into the first property's condition: null goes where that condition's failure goes,
/// and the two are one decision with two outcomes, as <see cref="LiftedNullableFilter"/> does
/// for <c>HasValue</c>. The same IL written by hand (<c>s != null &amp;&amp; s.Carrier == "DHL"</c>)
/// is two conditions of the user's, so the statement must hold a property pattern.
/// </summary>
public sealed partial class PropertyPatternNullTestFilter : ICompilerPatternFilter
{
    /// <summary><c>is {</c>, <c>is not {</c> or <c>is Type {</c>, then a property name and a colon.</summary>
    [GeneratedRegex(@"\bis\s+(not\s+)?([\w.<>?]+\s*)?\{\s*\w+\s*:")]
    private static partial Regex PropertyPattern();

    /// <summary>Whether the statement's text holds a property pattern, or a list pattern that tests
    /// only the length (<see cref="LengthListPattern"/>), whose code is the same.</summary>
    internal static bool HoldsPropertyPattern(MethodContext method, SequencePoint statement) =>
        method.Sources.Matches(statement, PropertyPattern()) || LengthListPattern.IsHeldBy(method, statement);

    /// <summary>Whether a decision is one this filter made: the first property's condition, its
    /// outcomes that condition's true and false (the source names them, OutcomeLabels).</summary>
    internal static bool IsPropertyCondition(FilteredDecision decision) =>
        decision.Outcomes is [{ Label: Matched or ListMatched }, { Label: NotMatched or ListNotMatched }];

    private const string Matched = "property matched", NotMatched = "property not matched";

    /// <summary>The labels where the statement holds a list pattern and no property pattern, read
    /// only where the source cannot name the condition.</summary>
    private const string ListMatched = "pattern matched", ListNotMatched = "pattern not matched";

    /// <summary>Whether <paramref name="nullTest"/> is a property pattern's null test: a
    /// <c>brfalse</c> on a value loaded again right after it for a property getter
    /// (<c>ldarg s; brfalse FAIL; ldarg s; callvirt get_Carrier</c>; in an iterator or async
    /// method, where <c>s</c> lives in a field of the state machine, <c>ldarg.0; ldfld s</c> each
    /// time, where <paramref name="fields"/>: the tested forms, not yet a value kept, which
    /// Release computes in a state machine in a shape no filter reads), or for an array's
    /// <c>Length</c>, which the compiler reads with <c>ldlen</c>; not ignored yet.</summary>
    internal static bool IsNullTestBeforeGetter(Instruction nullTest, FilterOutput output, bool fields = false) =>
        nullTest.OpCode.Code is (Code.Brfalse or Code.Brfalse_S) && !output.IsBranchIgnored(nullTest)
        && nullTest.Previous is { } tested && Reload(nullTest, tested, fields) is { } reload
        && (reload.Next is { OpCode.Code: Code.Ldlen }
            || reload.Next is { OpCode.Code: Code.Call or Code.Callvirt, Operand: MethodReference { HasThis: true, Name: var getter } }
            && getter.StartsWith("get_", StringComparison.Ordinal));

    /// <summary>The last instruction of the same load as <paramref name="tested"/>'s made again
    /// right after the test: a local or parameter, or a state machine's field read from
    /// <c>this</c>; null when the test is not followed by one.</summary>
    private static Instruction? Reload(Instruction nullTest, Instruction tested, bool fields) =>
        VariableLoads.IsLocalOrArgument(tested)
            ? nullTest.Next is { } again && again.OpCode == tested.OpCode && Equals(again.Operand, tested.Operand) ? again : null
            : fields && tested is { OpCode.Code: Code.Ldfld, Previous.OpCode.Code: Code.Ldarg_0 } && IsStateMachineField(tested.Operand)
              && nullTest.Next is { OpCode.Code: Code.Ldarg_0, Next: { OpCode.Code: Code.Ldfld } field } && Equals(field.Operand, tested.Operand) ? field : null;

    /// <summary>Whether a field is one the compiler declared, on a type it wrote (its name starts
    /// with <c>&lt;</c>, which C# cannot write): a hoisted local or parameter of an iterator or
    /// async method, which the compiler reads again as it reads a local. A field the user
    /// declared is not taken.</summary>
    private static bool IsStateMachineField(object operand) =>
        operand is FieldReference { DeclaringType.Name: var type } && type.StartsWith('<');

    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var nullTest in method.Instructions)
        {
            if (!IsNullTestBeforeGetter(nullTest, output, fields: true))
                continue;
            var property = LiftedNullableFilter.NextBranch(nullTest);
            if (property is null || output.IsBranchIgnored(property) || property.OpCode.Code == Code.Switch
                || method.StatementOf(nullTest) is not { } statement || !HoldsPropertyPattern(method, statement))
                continue;
            var fail = LiftedNullableFilter.Resolve((Instruction)nullTest.Operand);
            var taken = new EdgeRef(property, 1);
            var fallThrough = new EdgeRef(property, EdgeRef.FallThrough);
            var (failed, matched) = LiftedNullableFilter.Resolve(taken.Target) == fail ? (taken, fallThrough)
                : LiftedNullableFilter.Resolve(fallThrough.Target) == fail ? (fallThrough, taken) : (null, null);
            if (failed is null || matched is null)
                continue;
            var ofProperty = method.Sources.Matches(statement, PropertyPattern());
            output.AddDecision(statement.StartLine,
            [
                new FilteredOutcome([matched], ofProperty ? Matched : ListMatched),
                new FilteredOutcome([new EdgeRef(nullTest, 1), failed], ofProperty ? NotMatched : ListNotMatched),
            ]);
        }
    }
}
