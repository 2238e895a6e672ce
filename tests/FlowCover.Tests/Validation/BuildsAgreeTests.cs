using System.Runtime.CompilerServices;
using FlowCover.Data;
using FlowCover.Reporting;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Validation;

/// <summary>
/// Debug against Release on random programs no one annotated (<see cref="RandomProgram"/>), in
/// count mode: the same program run on the same inputs runs every statement and takes every
/// outcome as often in either build, so each line both builds list should have the same count
/// and the same outcomes, by label, with the same counts. Each line that does not is one of:
/// <list type="bullet">
/// <item><c>COUNT</c>: the line's count differs (a wrong count in one build);</item>
/// <item><c>OUTCOME-COUNT</c>: the same labels, a different count on one that names nothing (the
/// jump form, a bare <c>true</c>);</item>
/// <item><c>NAMED-COUNT</c>: whatever the other labels, one that names the source has other
/// counts in the two builds, or is twice in one build only (<c>no case matched</c> twice): a
/// wrong count, as sure as COUNT's (<see cref="NamedCounts"/> says which labels name the source);</item>
/// <item><c>LABEL+SUM</c>: other labels (none in both with two counts), adding up differently;</item>
/// <item><c>DECISION</c>: outcomes in one build only;</item>
/// <item><c>MISSING</c>/<c>EXTRA</c>: a line in Debug only / in Release only;</item>
/// <item><c>LABEL</c>: other labels, the same total (the jump form in one build, a name in the other).</item>
/// </list>
/// Not all are fixed yet: BuildsAgree.txt holds how many of each every seed has today, and the
/// test fails when a figure changes either way (a rise is a regression; a fall is progress, to
/// record by running with <c>FLOWCOVER_BUILDS_AGREE=write</c>, which rewrites the file from the run).
/// <c>FLOWCOVER_BUILDS_AGREE=DIR</c> writes each seed's program and its differences to DIR instead.
/// Besides, every outcome either build names after an operand must carry the runs the program
/// itself counts for that operand (<see cref="OutcomeTruth"/>): a wrong count both builds share,
/// which comparing them cannot see, fails the test whatever the figures (written to DIR as
/// <c>TRUTH</c> lines).
/// </summary>
public sealed class BuildsAgreeTests
{
    private static readonly string[] Kinds = ["COUNT", "OUTCOME-COUNT", "NAMED-COUNT", "LABEL+SUM", "DECISION", "MISSING", "EXTRA", "LABEL"];

    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Release_differs_from_Debug_no_more_than_recorded(int seed)
    {
        var work = Scratch.Folder($"builds-{seed}");
        var source = Path.Combine(work, "Random.cs");
        Directory.CreateDirectory(work);
        var text = RandomProgram.Write(seed, methods: 60);
        File.WriteAllText(source, text);
        var debug = Run(source, work, OptimizationLevel.Debug);
        var release = Run(source, work, OptimizationLevel.Release);
        Assert.True(debug.Lines.Count > 0, "Debug measured no line");
        var lines = text.Split('\n');
        var differences = Differences(debug, release, lines).ToList();
        var truth = OutcomeTruth.Of(text, work);
        var wrong = truth.Wrong(debug, "Debug", lines).Concat(truth.Wrong(release, "Release", lines)).ToList();
        var figures = string.Join(' ', Kinds.Select(k => $"{k} {differences.Count(d => d.StartsWith(k + " ", StringComparison.Ordinal))}"));

        var option = Environment.GetEnvironmentVariable("FLOWCOVER_BUILDS_AGREE");
        if (option == "write")
            Record(seed, figures);
        else if (!string.IsNullOrEmpty(option))
        {
            Directory.CreateDirectory(option);
            File.Copy(source, Path.Combine(option, $"seed-{seed}.cs"), true);
            File.WriteAllLines(Path.Combine(option, $"seed-{seed}.txt"), differences.Concat(wrong));
        }
        Assert.True(wrong.Count == 0, $"seed {seed}: outcomes named with runs their operands did not have\n" + string.Join('\n', wrong));
        var recorded = Recorded().GetValueOrDefault(seed, "(none)");
        Assert.True(figures == recorded, $"seed {seed}: {figures}\nrecorded: {recorded}\n" + string.Join('\n', differences.Where(d => !d.StartsWith("LABEL ", StringComparison.Ordinal))));
    }

    /// <summary>The program built one way, instrumented in count mode, run, and its coverage.</summary>
    private static FileResult Run(string source, string work, OptimizationLevel level)
    {
        var dll = TargetCompiler.Compile([source], Path.Combine(work, $"bin-{level}"), "FlowCover.Targets.Random", level, OutputKind.DynamicallyLinkedLibrary);
        return RandomTarget.Run(dll, work, level.ToString(), CoverageMode.Count, shareProbes: true);
    }

    private static IEnumerable<string> Differences(FileResult debug, FileResult release, string[] source)
    {
        var byLine = release.Lines.ToDictionary(l => l.Line);
        foreach (var d in debug.Lines)
        {
            var text = $"line {d.Line} `{source[d.Line - 1].Trim()}`";
            if (!byLine.Remove(d.Line, out var r))
            {
                yield return $"MISSING {text}: Debug {d.Hits}";
                continue;
            }
            if (r.Hits != d.Hits)
                yield return $"COUNT {text}: Release {r.Hits}, Debug {d.Hits}";
            var dl = string.Join("; ", d.Outcomes.Select(o => $"{o.Label} {o.Hits}").Order(StringComparer.Ordinal));
            var rl = string.Join("; ", r.Outcomes.Select(o => $"{o.Label} {o.Hits}").Order(StringComparer.Ordinal));
            var named = NamedCounts.Wrong(d.Outcomes, r.Outcomes);
            if (dl == rl && named is null)
                continue;
            var kind = d.Outcomes.Select(o => o.Label).Order(StringComparer.Ordinal).SequenceEqual(r.Outcomes.Select(o => o.Label).Order(StringComparer.Ordinal)) && named is null ? "OUTCOME-COUNT"
                : named is not null ? "NAMED-COUNT"
                : d.Outcomes.Count == 0 || r.Outcomes.Count == 0 ? "DECISION"
                : d.Outcomes.Sum(o => o.Hits) != r.Outcomes.Sum(o => o.Hits) ? "LABEL+SUM"
                : "LABEL";
            yield return $"{kind} {text}: Release [{rl}], Debug [{dl}]" + (named is null ? "" : $" ({named})");
        }
        foreach (var extra in byLine.Values)
            yield return $"EXTRA line {extra.Line} `{source[extra.Line - 1].Trim()}`: Release {extra.Hits}";
    }

    private static string RecordPath([CallerFilePath] string self = "") => Path.Combine(Path.GetDirectoryName(self)!, "BuildsAgree.txt");

    private static Dictionary<int, string> Recorded() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Validation", "BuildsAgree.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToDictionary(l => int.Parse(l[..l.IndexOf(':')], System.Globalization.CultureInfo.InvariantCulture), l => l[(l.IndexOf(':') + 2)..]);

    /// <summary>Rewrites this seed's line in the source tree's BuildsAgree.txt (the cases of one
    /// theory run one at a time).</summary>
    private static void Record(int seed, string figures)
    {
        var path = RecordPath();
        var lines = File.ReadAllLines(path).Where(l => !l.StartsWith($"{seed}: ", StringComparison.Ordinal)).ToList();
        lines.Add($"{seed}: {figures}");
        var header = lines.Where(l => l.StartsWith('#') || l.Length == 0);
        var seeds = lines.Where(l => l.Length > 0 && !l.StartsWith('#')).OrderBy(l => int.Parse(l[..l.IndexOf(':')], System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllLines(path, header.Concat(seeds));
    }
}
