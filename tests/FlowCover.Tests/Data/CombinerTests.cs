using FlowCover.Data;
using Xunit;

namespace FlowCover.Tests.Data;

/// <summary>
/// Combining adds up counters probe by probe, so it must refuse inputs whose probes do not
/// line up: set and count mode number the same build's probes differently, and so may two
/// versions of flowcover. Each refusal is one line, never a crash or hits on the wrong lines.
/// </summary>
public sealed class CombinerTests
{
    private static ModuleModel Model(int probes) =>
        new("App.0123456789abcdef", "App", "0123456789abcdef", probes, ["/src/App.cs"],
            [new MethodModel("App", "App.Run", 0, 1, [.. Enumerable.Range(0, probes).Select(p => new LineProbe(p + 1, [p]))], [])]);

    private static CoverageData Data(CoverageMode mode, int probes, long hit) =>
        new(CoverageData.CurrentVersion, mode, [new ModuleCoverage(Model(probes), [.. Enumerable.Repeat(hit, probes)])]);

    [Fact]
    public void Counts_of_the_same_build_and_mode_add_up()
    {
        var combined = Combiner.Combine([Data(CoverageMode.Count, 3, 2), Data(CoverageMode.Count, 3, 5)]);
        Assert.Equal(CoverageMode.Count, combined.Mode);
        Assert.Equal([7L, 7L, 7L], Assert.Single(combined.Modules).Hits);
    }

    [Fact]
    public void Set_and_count_mode_data_are_not_combined()
    {
        var error = Assert.Throws<UserError>(() => Combiner.Combine([Data(CoverageMode.Set, 3, 1), Data(CoverageMode.Count, 4, 1)]));
        Assert.Contains("count-mode", error.Message);
    }

    [Fact]
    public void An_empty_input_of_the_other_mode_combines()
    {
        var combined = Combiner.Combine([Data(CoverageMode.Set, 3, 1), CoverageData.Empty(CoverageMode.Count)]);
        Assert.Equal(CoverageMode.Set, combined.Mode);
    }

    [Fact]
    public void The_same_build_with_other_probes_is_not_combined()
    {
        var error = Assert.Throws<UserError>(() => Combiner.Combine([Data(CoverageMode.Set, 3, 1), Data(CoverageMode.Set, 4, 1)]));
        Assert.Contains("App", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
