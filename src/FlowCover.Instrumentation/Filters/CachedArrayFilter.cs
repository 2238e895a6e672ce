using FlowCover.Instrumentation.Analysis;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// An array of constants the compiler needs only as a read-only span (C# 14 binds
/// <c>(new[] { "\r\n", "\n" }).Contains(s)</c> to <c>MemoryExtensions.Contains</c>) is created
/// once and kept in a static field of <c>&lt;PrivateImplementationDetails&gt;</c>:
/// <c>ldsfld F; dup; brtrue L; pop; newarr; ...; dup; stsfld F; L: newobj ReadOnlySpan</c>.
/// The null test is the compiler's cache, taken on every call but the first, not a decision the
/// user wrote (the same shape as a cached lambda's, <see cref="DelegateCache"/>).
/// </summary>
public sealed class CachedArrayFilter : ICompilerPatternFilter
{
    private const string CompilerType = "<PrivateImplementationDetails>";

    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var branch in method.Instructions)
            if (DelegateCache.FieldTestedBy(branch, Code.Ldsfld) is { FieldType: ArrayType } field
                && field.DeclaringType.Name.StartsWith(CompilerType, StringComparison.Ordinal))
                output.IgnoreBranch(branch);
    }
}
