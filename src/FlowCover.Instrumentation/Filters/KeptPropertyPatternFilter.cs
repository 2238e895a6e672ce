using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// A property pattern of one property whose value is kept rather than tested
/// (<c>var ok = s is { Length: &gt; 0 };</c>, <c>return x is { Count: &gt; 0 };</c>) is one
/// condition of two outcomes, its implicit null test folded into its <c>false</c>
/// (docs/annotations.md). The compiler computes it with a null test and a comparison, and no
/// branch on the comparison:
/// <code>
///     ldarg s; brfalse FAIL; ldarg s; callvirt get_Length; ldc.i4.0; cgt; br JOIN
/// FAIL: ldc.i4.0
/// JOIN: stloc.0                           (Debug, or where the value goes on to a call)
///
///     ldarg s; brfalse FAIL; ldarg s; callvirt get_Length; ldc.i4.0; cgt; ret
/// FAIL: ldc.i4.0; ret                     (Release, the value returned)
/// </code>
/// Read as they stand, the null test is a decision of its own and the comparison's value (probed
/// where it leaves, <see cref="PropertyPatternResultFilter"/>) the condition, whose <c>false</c>
/// then misses every null: four outcomes for the two the user wrote. So the null test is no
/// decision: the value is probed at the join, whichever way it came; where there is none, where
/// the comparison leaves, with the null test's way to the constant counted as its <c>false</c>.
/// (The <c>if</c> form, whose join a branch tests: <see cref="PropertyPatternJoinFilter"/>.)
/// </summary>
public sealed class KeptPropertyPatternFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var nullTest in method.Instructions)
        {
            if (PropertyPatternJoinFilter.AfterPushedFalse(nullTest, output) is not { } afterFalse
                || ComparisonLeaving(nullTest) is not { Previous: { } value } leave || !StackProducers.PushesBoolean(value, method.Method)
                || method.StatementOf(nullTest) is not { } statement || !PropertyPatternNullTestFilter.HoldsPropertyPattern(method, statement))
                continue;
            if (leave.OpCode.Code is Code.Br or Code.Br_S && leave.Operand == afterFalse && method.StatementOf(afterFalse) == statement
                && afterFalse is { OpCode.Code: Code.Br or Code.Br_S, Operand: Instruction chainJoin }
                && PropertyPatternJoinFilter.TestOfJoinedValue(chainJoin) is not null)
            {
                // An operand of `&&`/`||` whose join a branch tests (Debug's `if (f && arr is
                // [_, ..])`): the pattern's value goes on to the chain's join, where
                // ShortCircuitJoinFilter probes it as the operand's. (A chain computed on with
                // eager `|` (Release's `n is null || arr is [_, ..] || f || q`) is left as it was.)
                output.IgnoreBranch(nullTest);
            }
            else if (leave.OpCode.Code is Code.Br or Code.Br_S && leave.Operand == afterFalse && method.StatementOf(afterFalse) == statement
                && PropertyPatternJoinFilter.TestOfJoinedValue(afterFalse) is null)
            {
                output.IgnoreBranch(nullTest);
                output.ProbeValue(new StackValueProbe(afterFalse));
            }
            else if (leave.OpCode.Code == Code.Ret && afterFalse.OpCode.Code == Code.Ret)
            {
                output.IgnoreBranch(nullTest);
                output.ProbeValue(new StackValueProbe(leave) { AlsoFalse = [new EdgeRef(nullTest, 1)] });
            }
        }
    }

    /// <summary>Where the property's comparison leaves its straight-line code after the null test:
    /// the first instruction that does not fall through.</summary>
    internal static Instruction? ComparisonLeaving(Instruction nullTest)
    {
        for (var at = nullTest.Next; at is not null; at = at.Next)
            if (!BranchShapes.FallsThrough(at.OpCode))
                return at;
        return null;
    }
}
