using FlowCover.Instrumentation.Analysis;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// A static method group converted to a delegate (<c>values.Select(SquareAsync)</c>,
/// <c>task.ContinueWith(Describe, ...)</c>) is created once and cached in a static field of the
/// compiler's <c>&lt;&gt;O</c> class (<c>&lt;Generic&gt;O__6_0`1</c> in a generic method):
/// <c>ldsfld &lt;&gt;O::&lt;0&gt;__SquareAsync; dup; brtrue L; pop; ...create...</c>. The null check
/// is the cache's, not a decision the user wrote.
/// </summary>
public sealed class MethodGroupCacheFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var branch in method.Instructions)
            if (DelegateCache.FieldTestedBy(branch, Code.Ldsfld) is { } field && IsCacheClass(field.DeclaringType.Name))
                output.IgnoreBranch(branch);
    }

    private static bool IsCacheClass(string name) =>
        name.StartsWith("<>O", StringComparison.Ordinal) || name.StartsWith('<') && name.Contains(">O__", StringComparison.Ordinal);
}
