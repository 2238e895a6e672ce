using FlowCover.Data;
using FlowCover.Reporting;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Validation;

/// <summary>
/// The probe-sharing rules (an outcome counted by the statement it leads to, a statement read
/// from the probes around it, a loop header's probe moved to the loop's entries) against the
/// plain reference where every line and outcome has a probe of its own, on random programs no
/// one annotated: the same program run the same way must report the same lines and outcomes as
/// run, in set mode and in count mode, Debug and Release. The annotated targets prove each rule
/// on the shapes it was written for; these find the shapes no one thought of.
/// </summary>
public sealed class DifferentialTests
{
    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        foreach (var seed in new[] { 1, 2, 3, 4 })
            foreach (var configuration in new[] { "Debug", "Release" })
                data.Add(seed, configuration);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Shared_probes_report_what_own_probes_report(int seed, string configuration)
    {
        var work = Scratch.Folder($"random-{seed}-{configuration}");
        var source = Path.Combine(work, "Random.cs");
        Directory.CreateDirectory(work);
        File.WriteAllText(source, RandomProgram.Write(seed, methods: 60));
        var dll = TargetCompiler.Compile([source], Path.Combine(work, "bin"), "FlowCover.Targets.Random",
            Enum.Parse<OptimizationLevel>(configuration), OutputKind.DynamicallyLinkedLibrary);

        var reference = RandomTarget.Run(dll, work, "reference", CoverageMode.Set, shareProbes: false);
        var lines = File.ReadAllLines(source);
        var differences = Differences(reference, RandomTarget.Run(dll, work, "set", CoverageMode.Set, shareProbes: true), "set", lines)
            .Concat(Differences(reference, RandomTarget.Run(dll, work, "count", CoverageMode.Count, shareProbes: true), "count", lines))
            .ToList();
        Assert.True(reference.Lines.Count > 0, "the reference measured no line");
        Assert.True(differences.Count == 0, $"seed {seed}, {configuration} (source: {source}):\n" + string.Join('\n', differences));
    }

    private static IEnumerable<string> Differences(FileResult reference, FileResult shared, string mode, string[] source)
    {
        var byLine = shared.Lines.ToDictionary(l => l.Line);
        foreach (var expected in reference.Lines)
        {
            var text = $"{mode}: line {expected.Line} `{source[expected.Line - 1].Trim()}`";
            if (!byLine.Remove(expected.Line, out var actual))
            {
                yield return $"{text}: not a line";
                continue;
            }
            if (actual.Covered != expected.Covered)
                yield return $"{text}: {(actual.Covered ? "hit" : "missed")}, its own probe says {(expected.Covered ? "hit" : "missed")}";
            if (actual.Outcomes.Count != expected.Outcomes.Count)
            {
                yield return $"{text}: {actual.Outcomes.Count} outcomes, expected {expected.Outcomes.Count}";
                continue;
            }
            for (var k = 0; k < expected.Outcomes.Count; k++)
                if (actual.Outcomes[k].Hits > 0 != expected.Outcomes[k].Hits > 0)
                    yield return $"{text}: outcome '{expected.Outcomes[k].Label}' {(actual.Outcomes[k].Hits > 0 ? "taken" : "not taken")}, its own probe says {(expected.Outcomes[k].Hits > 0 ? "taken" : "not taken")}";
        }
        foreach (var extra in byLine.Keys)
            yield return $"{mode}: line {extra}: a line only with shared probes";
    }
}
