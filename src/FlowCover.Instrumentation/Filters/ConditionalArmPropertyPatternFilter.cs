using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// A property pattern of one property written as an arm of a <c>?:</c>
/// (<c>if (y != 0 ? y &lt; 2 : s is { Length: &gt; 2 })</c>) is one condition, its null test
/// folded into its <c>false</c> (docs/annotations.md). The compiler computes its value into the
/// arms' join, both builds alike but for where the join is:
/// <code>
///     ldarg s; brfalse FAIL; ldarg s; callvirt get_Length; ldc.i4.2; cgt; br JOIN
/// FAIL: ldc.i4.0; br JOIN          (Release; Debug: FAIL: ldc.i4.0 falls into the pattern's own
///                                   JOIN: br ARMS, the <c>?:</c>'s join, where the other arm's value comes too)
/// </code>
/// Read as it stands, the null test is a decision of its own (Release named its edges as the
/// pattern's outcomes) or is left out (Debug probed the comparison's value alone, its
/// <c>false</c> short by every null). So the null test is no decision, the comparison's value is
/// probed where it leaves, and the null test's way to the constant counts to the <c>false</c>:
/// the ways are disjoint, each run through the arm counts once.
/// </summary>
public sealed class ConditionalArmPropertyPatternFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var nullTest in method.Instructions)
        {
            if (PropertyPatternJoinFilter.AfterPushedFalse(nullTest, output) is not { Previous: { } constant } || nullTest.Operand != constant
                || constant.Previous is not { } before || BranchShapes.FallsThrough(before.OpCode)
                || KeptPropertyPatternFilter.ComparisonLeaving(nullTest) is not { OpCode.Code: Code.Br or Code.Br_S, Previous: { } value } leave
                || ShortForms.IsInt32Constant(value) || !StackProducers.PushesBoolean(value, method.Method)
                || method.StatementOf(nullTest) is not { } statement || method.StatementOf(leave) != statement
                || !PropertyPatternNullTestFilter.HoldsPropertyPattern(method, statement) || !PatternArms.HeldBy(method, statement)
                || !OnlyJumpTo(method, constant, nullTest)) // Last: a walk of the whole body, where the source's look is of one statement.
                continue;
            output.IgnoreBranch(nullTest);
            output.ProbeValue(new StackValueProbe(leave) { AlsoFalse = [new EdgeRef(nullTest, 1)] });
        }
    }

    /// <summary>Whether <paramref name="jump"/> is the only branch to <paramref name="target"/>.</summary>
    private static bool OnlyJumpTo(MethodContext method, Instruction target, Instruction jump)
    {
        foreach (var instruction in method.Instructions)
            if (instruction != jump && (instruction.Operand == target || instruction.Operand is Instruction[] table && table.Contains(target)))
                return false;
        return true;
    }
}
