using FlowCover.Data;
using FlowCover.Data.Contexts;
using FlowCover.Tests.Cli;
using Xunit;
using static FlowCover.Tests.Contexts.ContextSamples;

namespace FlowCover.Tests.Contexts;

/// <summary>
/// <c>flowcover who</c> on a suite of 10,000 tests over a module of 4,000 probes (a statement per
/// line from 10): test i ran probes i mod 4000 and (7i + 3) mod 4000, and every test ran the
/// last one. The answers are checked name for name; how long they take is measured in
/// bench/contexts.md (bench/ContextsBench), never asserted.
/// </summary>
public sealed class LargeSuiteWhoTests
{
    private const int Tests = 10_000;
    private const int ModuleProbes = 4_000;

    private static string TestName(int i) => $"Suite.Tests.Class{i / 100:D3}.Test{i % 100:D2}";

    [Fact]
    public void Who_names_exactly_the_tests_that_ran_a_line_of_a_10000_test_suite()
    {
        var folder = Directory.CreateDirectory(Scratch.Folder("who-10000")).FullName;
        var model = Model(Path.Combine(folder, "Big.cs"), probes: ModuleProbes);
        var data = new CoverageData(CoverageData.CurrentVersion, CoverageMode.Set,
            [new ModuleCoverage(model, [.. Enumerable.Repeat(1L, ModuleProbes)])]);
        CoverageDataFile.Write(Path.Combine(folder, ".flowcover"), data);
        var sets = Enumerable.Range(0, Tests)
            .Select(i => Set(TestName(i), null, model, i % ModuleProbes, (7 * i + 3) % ModuleProbes, ModuleProbes - 1))
            .ToList();
        ContextDatabase.Save(Path.Combine(folder, ".flowcover.contexts"), data, sets, append: false);
        var flowcover = new FlowCoverProcess();

        var line15 = flowcover.Run(folder, "who", "Big.cs:15");
        var last = flowcover.Run(folder, "who", $"Big.cs:{10 + ModuleProbes - 1}");

        var expected = Enumerable.Range(0, Tests).Where(i => i % ModuleProbes == 5 || (7 * i + 3) % ModuleProbes == 5)
            .Select(TestName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(5, expected.Count); // 5, 4005, 8005; and 2286, 6286 (7 * 2286 + 3 = 16005)
        Assert.Equal((0, string.Concat(expected.Select(n => n + "\n"))), (line15.ExitCode, line15.Output));
        Assert.Equal(Enumerable.Range(0, Tests).Select(TestName).Order(StringComparer.Ordinal), last.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
