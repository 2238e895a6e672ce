using System.Globalization;
using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// An <c>or</c> of constants on a nullable value (<c>n is 1 or 3</c>, <c>n is not (1 or 3)</c>
/// with <c>int? n</c>) compiles, in Debug and Release, to the <c>HasValue</c> test, then one
/// compare per constant on the value kept in a local:
/// <code>
///     ldarga n; call get_HasValue; brfalse F
///     ldarga n; call GetValueOrDefault; stloc v
///     ldloc v; ldc 1; beq T
///     ldloc v; ldc 3; bne.un F           (Debug: beq T; br F)
/// </code>
/// The source has a condition per constant and no <c>HasValue</c> test: a null <c>n</c> fails
/// each constant, as short-circuiting meets them (docs/annotations.md), so the <c>HasValue</c>
/// test's failing edge is part of every constant's <c>false</c>. Each compare is one decision:
/// <c>true</c> its edge where the value is the constant, <c>false</c> its other edge and the null
/// edge; the null edge is in every <c>false</c>, counted once for each by its own probe
/// (<see cref="Probes.BodyProbes"/>). Only where the source writes those constants, in that
/// order, as the statement's only conditions (see <see cref="WrittenInOrder"/>); a range check or
/// a jump table of the constants is not this.
/// </summary>
public sealed class NullableOrPatternFilter : ICompilerPatternFilter
{
    /// <summary>Whether a decision is one this filter made: a constant's true and false, in that
    /// order (the source names them, OutcomeLabels; where it does not, these labels stay, which
    /// the compare says as well: <c>is 3 true</c> is its edge where the value is 3).</summary>
    internal static bool IsConstantCondition(FilteredDecision decision) =>
        decision.Outcomes is [{ Label: var matched }, { Label: var failed }] && matched.StartsWith("is ", StringComparison.Ordinal)
        && matched.EndsWith(" true", StringComparison.Ordinal) && failed == matched[..^" true".Length] + " false";

    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var hasValue in method.Instructions)
        {
            if (hasValue.OpCode.Code is not (Code.Brfalse or Code.Brfalse_S) || output.IsBranchIgnored(hasValue)
                || !NullableCalls.IsHasValue(hasValue.Previous) || method.StatementOf(hasValue) is not { } statement
                || KeptValue(hasValue) is not { } store)
                continue;
            var fail = LiftedNullableFilter.Resolve((Instruction)hasValue.Operand);
            if (Compares(method, output, store, fail, statement) is not { } compares || !WrittenInOrder(method, statement, compares))
                continue;
            var onNull = new EdgeRef(hasValue, 1);
            foreach (var (_, constant, matched, failed) in compares)
                output.AddDecision(statement.StartLine,
                    [new FilteredOutcome([matched], string.Create(CultureInfo.InvariantCulture, $"is {constant} true")), new FilteredOutcome([failed, onNull], string.Create(CultureInfo.InvariantCulture, $"is {constant} false"))]);
        }
    }

    /// <summary>The store of the value right after the test: <c>GetValueOrDefault</c> called on
    /// the nullable's address (a few loads, no branch), then <c>stloc v</c>.</summary>
    private static Instruction? KeptValue(Instruction hasValue)
    {
        var at = hasValue.Next;
        for (var steps = 0; at is not null && steps < 4; steps++, at = at.Next)
            if (at.Operand is MethodReference { Name: "GetValueOrDefault", Parameters.Count: 0 })
                return at.Next is { } store && LocalSlots.Stored(store) is not null ? store : null;
            else if (at.OpCode.FlowControl != FlowControl.Next)
                return null;
        return null;
    }

    /// <summary>The compares of the kept value, in order (<c>ldloc v; ldc K; beq</c> or
    /// <c>bne.un</c>), each with its constant, its edge where the value is that constant and its
    /// other edge: every match going to one place, each miss to the next compare, the last miss
    /// to where a null goes. Null when the code is not that, or any branch is taken already.</summary>
    private static List<(Instruction Compare, int Constant, EdgeRef Matched, EdgeRef Failed)>? Compares(
        MethodContext method, FilterOutput output, Instruction store, Instruction? fail, SequencePoint statement)
    {
        var kept = LocalSlots.Stored(store);
        var compares = new List<(Instruction, int, EdgeRef, EdgeRef)>();
        Instruction? matchTarget = null;
        for (var at = store.Next; compares.Count < 16;)
        {
            if (at is null || LocalSlots.Loaded(at) != kept || at.Next is not { } constant || ShortForms.Int32ConstantOf(constant) is not { } value
                || constant.Next is not { OpCode.Code: Code.Beq or Code.Beq_S or Code.Bne_Un or Code.Bne_Un_S } compare
                || output.IsBranchIgnored(compare) || method.StatementOf(compare) != statement)
                return null;
            var taken = new EdgeRef(compare, 1);
            var fallThrough = new EdgeRef(compare, EdgeRef.FallThrough);
            var (matched, failed) = compare.OpCode.Code is Code.Beq or Code.Beq_S ? (taken, fallThrough) : (fallThrough, taken);
            var match = LiftedNullableFilter.Resolve(matched.Target);
            var next = LiftedNullableFilter.Resolve(failed.Target);
            if (match is null || match == fail || matchTarget is not null && match != matchTarget)
                return null;
            matchTarget = match;
            compares.Add((compare, value, matched, failed));
            if (next == fail)
                return compares.Count >= 2 ? compares : null;
            at = next;
        }
        return null;
    }

    /// <summary>Whether the statement's conditions, as its source writes them, are the compares'
    /// constants, one condition each, in the order the IL tests them, all of one pattern's
    /// <c>or</c>. Not beside another operand (<c>f &amp;&amp; n is 1 or 3</c>,
    /// <c>while (n is 1 or 3 &amp;&amp; t &lt; 2)</c>): there the pattern's value is joined and
    /// tested again, and that test is no constant's (Debug's test of the whole chain's value
    /// would line up with the last operand, docs/differential.md).</summary>
    private static bool WrittenInOrder(MethodContext method, SequencePoint statement, List<(Instruction Compare, int Constant, EdgeRef Matched, EdgeRef Failed)> compares) =>
        OrOfConstants.IsEach(method, statement, compares.ConvertAll(c => c.Constant));
}
