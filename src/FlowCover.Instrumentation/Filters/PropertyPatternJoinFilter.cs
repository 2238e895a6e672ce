using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// Debug compiles a property pattern of one property whose value it tests
/// (<c>if (items is { Count: &gt; 0 })</c>) as a null test whose failure pushes <c>false</c> into
/// a join, the property's comparison computed into the same join, and a test of the joined value:
/// <code>
///     ldloc s; brfalse FAIL; ldloc s; callvirt get_Count; ldc.i4.0; cgt; br JOIN
/// FAIL: ldc.i4.0
/// JOIN: stloc.0; ldloc.0; brfalse ELSE
/// </code>
/// The source has one condition, whose <c>false</c> is the null case too (annotations.md: the
/// implicit null test is folded into the first subpattern's <c>false</c>). The test of the joined
/// value is that condition, so the null test is no decision of its own, as
/// <see cref="LiftedNullableFilter"/> does for <c>HasValue</c> in the same Debug shape. Left to
/// <see cref="ShortCircuitJoinFilter"/>, the join would be read as a short-circuit: the null
/// test a decision of its own and the comparison's value the condition, whose <c>false</c> then
/// misses every null. Where a property test branches (Release, or several properties),
/// <see cref="PropertyPatternNullTestFilter"/> folds the null test into it instead.
/// </summary>
public sealed class PropertyPatternJoinFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var nullTest in method.Instructions)
        {
            if (AfterPushedFalse(nullTest, output, fields: true) is not { } join || !method.JumpsTo(join).Any(IsComputed) || TestOfJoinedValue(join) is not { } test
                || method.StatementOf(nullTest) is not { } statement || method.StatementOf(test) != statement
                || !PropertyPatternNullTestFilter.HoldsPropertyPattern(method, statement))
                continue;
            output.IgnoreBranch(nullTest);
        }
    }

    /// <summary>Where a property pattern's null test that no property test follows (the property's
    /// value is computed, not branched on) goes on after pushing <c>false</c>: the join, or the
    /// <c>ret</c> of that constant; null for any other instruction. <paramref name="fields"/>: also
    /// a state machine's field (<see cref="PropertyPatternNullTestFilter.IsNullTestBeforeGetter"/>).</summary>
    internal static Instruction? AfterPushedFalse(Instruction nullTest, FilterOutput output, bool fields = false) =>
        PropertyPatternNullTestFilter.IsNullTestBeforeGetter(nullTest, output, fields) && LiftedNullableFilter.NextBranch(nullTest) is null
        && LiftedNullableFilter.Resolve((Instruction)nullTest.Operand) is { OpCode.Code: Code.Ldc_I4_0, Next: { } after }
            ? after
            : null;

    /// <summary>The branch that tests the value a join receives, right where it is received:
    /// <c>JOIN: brfalse</c>, or Debug's <c>JOIN: stloc.N; ldloc.N; brfalse</c>; null otherwise
    /// (the value is kept, not tested).</summary>
    internal static Instruction? TestOfJoinedValue(Instruction join)
    {
        var test = LocalSlots.Stored(join) is { } slot && join.Next is { } load && LocalSlots.Loaded(load) == slot ? load.Next : join;
        return test?.OpCode.Code is Code.Brfalse or Code.Brfalse_S or Code.Brtrue or Code.Brtrue_S ? test : null;
    }

    private static bool IsComputed(Instruction jump) => jump.Previous?.OpCode.Code is not (Code.Ldc_I4_0 or Code.Ldc_I4_1);
}
