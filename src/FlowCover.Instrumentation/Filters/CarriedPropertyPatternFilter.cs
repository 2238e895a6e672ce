using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// A property pattern of one property kept in a local that the next statement tests
/// (<c>var ok = s is { Length: &gt; 2 }; if (ok) ...</c>), where Release drops the local and
/// leaves the value on the stack for the next statement's branch:
/// <code>
///     ldarg s; brfalse FAIL; ldarg s; callvirt get_Length; ldc.i4.2; cgt; br JOIN
/// FAIL: ldc.i4.0
/// JOIN: brfalse ELSE                      (the first instruction of <c>if (ok)</c>)
/// </code>
/// The pattern is one condition, its null test folded into its <c>false</c> (docs/annotations.md),
/// as <see cref="KeptPropertyPatternFilter"/> reads it where the join is the statement's own. Read
/// as it stands, the null test is a decision of its own and the comparison's value the condition,
/// whose <c>false</c> misses every null (a count too low under the pattern's own name). So the
/// null test is no decision, and the value is probed at the join, whichever way it came, for the
/// pattern's statement.
/// </summary>
public sealed class CarriedPropertyPatternFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var nullTest in method.Instructions)
        {
            if (PropertyPatternJoinFilter.AfterPushedFalse(nullTest, output) is not { } join
                || method.StatementOf(nullTest) is not { } statement || method.PointAt(join) is not { IsHidden: false }
                || method.StatementOf(join) == statement || PropertyPatternJoinFilter.TestOfJoinedValue(join) is null
                || !method.JumpsTo(join).Any(jump => jump.OpCode.Code is Code.Br or Code.Br_S && method.StatementOf(jump) == statement
                    && jump.Previous is { } value && StackProducers.PushesBoolean(value, method.Method) && !ShortForms.IsInt32Constant(value))
                || output.ValueProbes.Any(p => p.At == join)
                || !PropertyPatternNullTestFilter.HoldsPropertyPattern(method, statement))
                continue;
            output.IgnoreBranch(nullTest);
            output.ProbeValue(new StackValueProbe(join) { Line = statement.StartLine });
        }
    }
}
