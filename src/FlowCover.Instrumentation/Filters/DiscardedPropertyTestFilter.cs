using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// A condition on a property read behind a null test (<c>s is { Length: &gt; 2 }</c>,
/// <c>s?.Length &gt; 1</c>, a list pattern's length: <c>arr is [_, ..]</c>) whose two ways run the same code (<c>if (c) return t; return t;</c>):
/// Release computes the comparison and drops it, keeping only the null test:
/// <code>
///     ldarg s; brfalse ELSE; ldarg s; call get_Length; ldc.i4.1; pop; pop; ldarg t; ret
/// ELSE: ldarg t; ret
/// </code>
/// The null test is then no outcome of the condition: its way past the test is taken for every
/// value that is not null, whatever the comparison. Named as the condition's <c>true</c> it
/// counts each non-null value as true (a wrong count), so it is no decision: the IL cannot tell
/// the condition's outcomes, and the line keeps its count only (docs/annotations.md).
/// </summary>
public sealed class DiscardedPropertyTestFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var nullTest in method.Instructions)
        {
            if (PropertyPatternNullTestFilter.IsNullTestBeforeGetter(nullTest, output, fields: true)
                && GetterAfter(nullTest) is { } getter && DropsValueOf(getter))
                output.IgnoreBranch(nullTest);
        }
    }

    /// <summary>The getter call (or <c>ldlen</c>) right after the null test's reload of the value.</summary>
    private static Instruction? GetterAfter(Instruction nullTest)
    {
        var at = nullTest.Next;
        for (var k = 0; k < 3 && at is not null; k++, at = at.Next)
            if (at.OpCode.Code is Code.Call or Code.Callvirt or Code.Ldlen)
                return at;
        return null;
    }

    /// <summary>Whether the value <paramref name="getter"/> pushes is compared with constants
    /// and then dropped: one or more constants, then one <c>pop</c> for each value.</summary>
    private static bool DropsValueOf(Instruction getter)
    {
        var pushed = 1;
        var at = getter.Next;
        // A list pattern's length (`arr is [_, ..]`): `ldlen` is a native int, narrowed first.
        if (getter.OpCode.Code == Code.Ldlen && at?.OpCode.Code == Code.Conv_I4)
            at = at.Next;
        for (; at is not null && ShortForms.IsInt32Constant(at); at = at.Next)
            pushed++;
        if (pushed < 2)
            return false;
        for (; pushed > 0; pushed--, at = at.Next)
            if (at?.OpCode.Code != Code.Pop)
                return false;
        return true;
    }
}
