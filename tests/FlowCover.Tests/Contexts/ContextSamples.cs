using FlowCover.Data;
using FlowCover.Data.Contexts;

namespace FlowCover.Tests.Contexts;

/// <summary>Small models and context sets built by hand, as a <c>--contexts</c> run would hand
/// them over: one module of 20 probes over one source file, a statement per line 10-29.</summary>
internal static class ContextSamples
{
    public const int Probes = 20;

    public static ModuleModel Model(string source, string assembly = "App", string hash = "0123456789abcdef", int probes = Probes) =>
        new($"{assembly}.{hash}", assembly, hash, probes, [source],
            [new MethodModel($"{assembly}.Service", "Service.Run", 0, 10,
                [.. Enumerable.Range(0, probes).Select(p => new LineProbe(10 + p, ProbeList.Of(p)))], [])]);

    public static CoverageData DataOf(CoverageMode mode, params ModuleModel[] models) =>
        new(CoverageData.CurrentVersion, mode, [.. models.Select(m => new ModuleCoverage(m, new long[m.ProbeCount]))]);

    /// <summary>The bitset of <paramref name="probeCount"/> probes with <paramref name="ran"/> set.</summary>
    public static byte[] Bits(int probeCount, params int[] ran)
    {
        var bits = new byte[ContextBits.BytesFor(probeCount)];
        foreach (var probe in ran)
            ContextBits.Set(bits, probe);
        return bits;
    }

    public static ContextProbeSet Set(string test, string? route, ModuleModel model, params int[] ran) =>
        new(test, route, model.Key, Bits(model.ProbeCount, ran));
}
