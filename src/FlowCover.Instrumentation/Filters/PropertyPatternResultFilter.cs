using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// When a property pattern is the value of an expression (<c>return s is { Carrier: "DHL",
/// WeightKg: &lt; 30 }</c>), the earlier properties branch to a path that pushes <c>false</c>,
/// but the last one's comparison is the value itself, with no branch:
/// <code>
///     ...; brfalse FAIL; ldarg s; callvirt get_WeightKg; ldc.r8 30; clt; ret   (Debug: br JOIN)
/// FAIL: ldc.i4.0; ret                                                             (Debug: JOIN: stloc)
/// </code>
/// That last property is still a condition with two outcomes, so its value is probed where it
/// leaves (the <c>ret</c> or the <c>br</c> to the join), reached from the comparison alone.
/// The same holds for every test whose value is kept where an earlier one decides by a constant:
/// the last operand of <c>&amp;&amp;</c>/<c>||</c> kept as a value (<c>return a() || b();</c>,
/// <c>var ok = a() &amp;&amp; b();</c>) and of a pattern's <c>and</c>/<c>or</c> (<c>var none = x is
/// null or [];</c>), where the source says the statement keeps such a value.
/// </summary>
public sealed partial class PropertyPatternResultFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var leave in method.Instructions)
        {
            // Jump targets last: the set is built per method when first asked for.
            if (leave.OpCode.Code is not (Code.Ret or Code.Br or Code.Br_S)
                || leave.Previous is not { } value || ShortForms.IsInt32Constant(value) || ConstantValueFilter.IsComparedConstants(method, value)
                || !StackProducers.PushesBoolean(value, method.Method)
                || method.StatementOf(leave) is not { } statement || !MayKeepValue(method, statement)
                || !HasShortCircuitedPath(method, leave, statement) || IsProbed(output, leave) || method.JumpTargets.Contains(leave)
                || IsTestedInStatement(method, leave, statement)
                || !PropertyPatternNullTestFilter.HoldsPropertyPattern(method, statement) && !OutcomeLabels.KeepsDecisionValue(method, statement))
                continue; // (A joined value a branch then tests is probed already: ShortCircuitJoinFilter.)
            output.ProbeValue(new StackValueProbe(leave));
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"&&|\|\||\bis\b")]
    private static partial System.Text.RegularExpressions.Regex ValueOperator();

    /// <summary>Whether the statement's text has an operator whose value this filter may probe (a
    /// quick look before the source is asked).</summary>
    private static bool MayKeepValue(MethodContext method, SequencePoint statement) => method.Sources.Matches(statement, ValueOperator());

    /// <summary>Whether the value <paramref name="leave"/> jumps with is tested by a branch of the
    /// same statement where it joins (Debug's <c>if</c>): then that branch is the decision, not a
    /// kept value (PropertyPatternJoinFilter, ShortCircuitJoinFilter).</summary>
    private static bool IsTestedInStatement(MethodContext method, Instruction leave, SequencePoint statement) =>
        leave.Operand is Instruction join && PropertyPatternJoinFilter.TestOfJoinedValue(join) is { } test
        && method.StatementOf(test) == statement;

    /// <summary>Whether a filter probes the value at <paramref name="leave"/> already, or at the
    /// join it jumps to (<see cref="KeptPropertyPatternFilter"/>), or at the end of either arm
    /// of a <c>?:</c> (<see cref="ConditionalOperandValueFilter"/>). (A method
    /// of its own: a lambda in the loop above would make a closure for every instruction.)</summary>
    private static bool IsProbed(FilterOutput output, Instruction leave) =>
        output.ValueProbes.Any(p => p.At == leave || p.At == leave.Operand || p is ArmValuesProbe { Other: var other } && other == leave);

    /// <summary>Whether a decision of the same statement jumps to a constant that leaves the
    /// same way (<c>ldc.i4.0; ret</c>, or <c>ldc.i4.0</c> falling into the join
    /// <paramref name="leave"/> jumps to), and, where it does not jump, goes on to
    /// <paramref name="leave"/>: the value there is then the operand the constant stands in for.
    /// Another value can join there too, an arm of a <c>?:</c> that holds the <c>&amp;&amp;</c>
    /// (<c>(c ? a &amp;&amp; x &gt; 1 : f) || d</c>, <c>f</c>'s <c>br</c> to the join): no operand of
    /// that decision, so not probed as one.</summary>
    private static bool HasShortCircuitedPath(MethodContext method, Instruction leave, SequencePoint statement)
    {
        foreach (var branch in method.Instructions)
        {
            if (!BranchShapes.IsDecisionOpCode(branch.OpCode) || branch.Operand is not Instruction { } target || method.StatementOf(branch) != statement
                || !ShortForms.IsInt32Constant(target) || target.Next is not { } after)
                continue;
            if ((leave.OpCode.Code == Code.Ret ? after.OpCode.Code == Code.Ret : after == leave.Operand) && FallThroughPath.GoesOnTo(branch, leave, leave.Operand as Instruction))
                return true;
        }
        return false;
    }
}
