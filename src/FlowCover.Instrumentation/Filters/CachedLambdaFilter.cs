using FlowCover.Instrumentation.Analysis;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// A lambda that captures nothing is created once and cached in a static field of the
/// compiler's <c>&lt;&gt;c</c> class: <c>ldsfld &lt;&gt;9__0_0; dup; brtrue L; pop; ...create...</c>.
/// The null check is the compiler's cache, not a decision the user wrote (also where the
/// delegate is never used and no copy is kept: <see cref="DelegateCache"/>).
/// </summary>
public sealed class CachedLambdaFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var branch in method.Instructions)
            if (DelegateCache.FieldTestedBy(branch, Code.Ldsfld) is { } field && field.Name.StartsWith("<>9__", StringComparison.Ordinal))
                output.IgnoreBranch(branch);
    }
}
