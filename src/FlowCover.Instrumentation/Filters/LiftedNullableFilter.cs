using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// A comparison or pattern on a nullable value type (<c>rate &gt; 0m</c>, <c>rate is not &gt; 0m</c>
/// with <c>decimal? rate</c>) compiles to two tests: the implicit <c>HasValue</c>, then the
/// comparison on <c>GetValueOrDefault()</c>. The source has one condition. When the
/// <c>HasValue</c> failure goes where one outcome of the comparison goes, the two are one
/// decision with two outcomes: each destination is an outcome. Debug builds materialize the
/// result instead (the null path pushes a constant into a join), and there the test of the
/// joined value is the decision.
/// </summary>
public sealed class LiftedNullableFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var hasValue in method.Instructions)
        {
            if (hasValue.OpCode.Code is not (Code.Brfalse or Code.Brfalse_S) || output.IsBranchIgnored(hasValue)
                || !NullableCalls.IsHasValue(hasValue.Previous))
                continue;
            var comparison = NextBranch(hasValue);
            if (comparison is null && Resolve((Instruction)hasValue.Operand) is { OpCode.Code: Code.Ldc_I4_0 or Code.Ldc_I4_1 } constant)
            {
                // Debug: the null path pushes the result as a constant into a join. When the
                // other path brings a computed comparison, the branch on the joined value is the
                // decision; when it brings a constant too (is { } x), HasValue is the decision.
                if (JoinsAComputedValue(method, constant))
                    output.IgnoreBranch(hasValue);
                continue;
            }
            // A test under another statement is not this one's comparison: `if (v.HasValue) {
            // switch (v) ... }` tests HasValue again as the switch's own code.
            if (comparison is null || output.IsBranchIgnored(comparison) || comparison.OpCode.Code == Code.Switch
                || method.StatementOf(comparison) != method.StatementOf(hasValue))
                continue;
            var nullTarget = Resolve((Instruction)hasValue.Operand);
            var taken = new EdgeRef(comparison, 1);
            var fallThrough = new EdgeRef(comparison, EdgeRef.FallThrough);
            var (sameAsNull, other) = Resolve(taken.Target) == nullTarget ? (taken, fallThrough)
                : Resolve(fallThrough.Target) == nullTarget ? (fallThrough, taken) : (null, null);
            if (sameAsNull is null || other is null || method.StatementOf(hasValue)?.StartLine is not { } line)
                continue;
            output.AddDecision(line,
            [
                new FilteredOutcome([new EdgeRef(hasValue, 1), sameAsNull], Label(sameAsNull)),
                new FilteredOutcome([other], Label(other)),
            ]);
        }
    }

    /// <summary>Whether some path jumps to the join after <paramref name="constant"/> with a
    /// value it computed rather than another constant. (A method of its own so the lambda's
    /// closure is made only here, not for every instruction the loop above visits.)</summary>
    private static bool JoinsAComputedValue(MethodContext method, Instruction constant) =>
        method.JumpsTo(constant.Next).Any(i => i.Previous?.OpCode.Code is not (Code.Ldc_I4_0 or Code.Ldc_I4_1));

    private static string Label(EdgeRef edge) => edge.Edge == EdgeRef.FallThrough ? "no jump" : "jump";

    /// <summary>The next conditional branch in straight-line code after <paramref name="branch"/>.</summary>
    internal static Instruction? NextBranch(Instruction branch)
    {
        for (var at = branch.Next; at is not null; at = at.Next)
        {
            if (BranchShapes.IsDecisionOpCode(at.OpCode))
                return at;
            if (!BranchShapes.FallsThrough(at.OpCode))
                return null;
        }
        return null;
    }

    internal static Instruction? Resolve(Instruction? target)
    {
        for (var steps = 0; target is { OpCode.Code: Code.Br or Code.Br_S } && steps < 8; steps++)
            target = (Instruction)target.Operand;
        return target;
    }
}
