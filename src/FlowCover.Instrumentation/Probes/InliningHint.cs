using Mono.Cecil;

namespace FlowCover.Instrumentation.Probes;

/// <summary>
/// Keeps the inlining the JIT gave a method before probes made it bigger. The JIT decides by
/// the size of a method's IL, so probes change its decisions: a tiny helper (<c>Less(a, b)</c>
/// in a sort loop) that it always inlined becomes a call, and a method it could inline at a hot
/// call site (<c>Collatz(n)</c> in a loop) grows past the size beyond which it never inlines,
/// or past the size it still finds worth inlining at such a site. The call then costs more
/// than the probes (measured in docs/instrumenting-speed.md, "Figures behind the code").
/// Asking for inlining in those cases keeps the program shaped as it was;
/// a method of any other size keeps the JIT's own judgement, a method that forbids inlining
/// keeps its say, and Debug builds, which the JIT does not optimise, are unaffected.
/// </summary>
internal static class InliningHint
{
    /// <summary>IL bytes under which the JIT inlines nearly every method (it always inlines up
    /// to 16 and most calls up to about twice that).</summary>
    public const int Tiny = 32;

    /// <summary>The JIT's limit for ordinary inlining: above it, a method is inlined only when
    /// it asks to be.</summary>
    public const int JitLimit = 100;

    /// <summary>IL bytes up to which the JIT inlines at most call sites, those in loops above all.</summary>
    public const int HotCallSite = 2 * Tiny;

    public static bool ShouldAsk(MethodDefinition method, int originalSize, int instrumentedSize) =>
        !method.NoInlining && !method.AggressiveInlining &&
        (originalSize <= Tiny
            || originalSize <= HotCallSite && instrumentedSize > HotCallSite
            || originalSize <= JitLimit && instrumentedSize > JitLimit);
}
