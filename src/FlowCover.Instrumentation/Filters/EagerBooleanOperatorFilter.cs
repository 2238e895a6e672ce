using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// When both sides of <c>a &amp;&amp; b</c> or <c>a || b</c> are cheap and side-effect free
/// (locals, parameters, comparisons), the compiler evaluates both and combines them with an
/// eager <c>and</c>/<c>or</c> feeding one branch. The user still wrote two conditions. So the
/// branch on the combination is dropped and each operand is probed as a condition, the right one
/// only when short-circuiting would have evaluated it: the same outcomes the short-circuit form
/// gives. Chains of three or more operands are left as the compiler wrote them.
/// </summary>
public sealed class EagerBooleanOperatorFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var combine in method.Instructions)
        {
            if (combine.OpCode.Code is not (Code.And or Code.Or) || TestedBy(combine) is not { } branch || output.IsBranchIgnored(branch))
                continue;
            var right = StackProducers.Of(combine, 0, method.JumpTargets);
            var left = StackProducers.Of(combine, 1, method.JumpTargets);
            if (left is null || right is null || IsCombination(left) || IsCombination(right) || IsLiftedNullTest(left) || IsLiftedNullTest(right)
                || !StackProducers.PushesBoolean(left, method.Method) || !StackProducers.PushesBoolean(right, method.Method))
                continue;
            output.ProbeValue(new OperandsProbe(combine, combine.OpCode.Code == Code.Or), insteadOf: branch);
        }
    }

    private static bool IsCombination(Instruction producer) => producer.OpCode.Code is Code.And or Code.Or;

    /// <summary>A lifted operator (<c>rate &gt; 1m</c> on <c>decimal?</c>) ands the comparison with
    /// <c>HasValue</c>: one condition of the user's, not two.</summary>
    private static bool IsLiftedNullTest(Instruction producer) =>
        producer.Operand is Mono.Cecil.MethodReference { Name: "get_HasValue" };

    /// <summary>The branch that tests the combination, directly or through a Debug temporary.</summary>
    private static Instruction? TestedBy(Instruction combine)
    {
        var next = combine.Next;
        if (next is not null && LocalSlots.Stored(next) is { } slot && next.Next is { } load && LocalSlots.Loaded(load) == slot)
            next = load.Next;
        return next?.OpCode.Code is Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S ? next : null;
    }

}
