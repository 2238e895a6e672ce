using FlowCover.Instrumentation.Analysis;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// A lambda that captures only variables of an enclosing scope (<c>x =&gt; Inner(y =&gt; y + k)</c>,
/// where the inner lambda captures <c>k</c> alone) is created once per closure and cached in a
/// field of that scope's closure class: <c>ldarg.0; ldfld &lt;&gt;9__2; dup; brtrue L; pop;
/// ...create...; stfld &lt;&gt;9__2</c>. The null check is the cache's, not the user's.
/// </summary>
public sealed class ClosureLambdaCacheFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var branch in method.Instructions)
            if (DelegateCache.FieldTestedBy(branch, Code.Ldfld) is { } field && field.Name.StartsWith("<>9__", StringComparison.Ordinal))
                output.IgnoreBranch(branch);
    }
}
