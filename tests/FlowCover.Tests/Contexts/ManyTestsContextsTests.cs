using Xunit;

namespace FlowCover.Tests.Contexts;

/// <summary>
/// Contexts at the scale of a real suite (docs/per-thread-blocks.md, "Blocks live in the hit
/// files"): 600 tests over 2 modules. A module's context blocks in a process share one hit file,
/// grown a chunk at a time, so the test host maps two hit files per module (its no-context file
/// and its arena), not one per test and module, and every line still names exactly its tests.
/// </summary>
public sealed class ManyTestsContextsTests(ManyTestsSolution solution) : IClassFixture<ManyTestsSolution>
{
    [Fact]
    public void The_suite_passes_under_contexts()
    {
        Assert.True(solution.Measured.ExitCode == 0, solution.Measured.Output + solution.Measured.Error);
        // dotnet test pads the counts to a width of its own.
        Assert.Matches($@"Passed! +- +Failed: +0, Passed: +{ManyTestsSolution.Tests + 1},", solution.Measured.Output);
        Assert.DoesNotContain("warning", solution.Measured.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Hit_files_and_their_mappings_grow_with_modules_not_with_tests()
    {
        var maps = File.ReadAllLines(solution.MapsFile);
        var files = maps.Select(l => l[l.IndexOf('/', StringComparison.Ordinal)..]).Distinct().ToList();

        Assert.Equal(2 * ManyTestsSolution.Libraries, files.Count);
        // A block is about 768 bytes here, and a chunk holds 256 KiB: a few chunks per module,
        // where a mapping per test and module would be 1,200.
        Assert.InRange(maps.Length, 2 * ManyTestsSolution.Libraries, 10 * ManyTestsSolution.Libraries);
    }

    [Fact]
    public void A_block_made_in_the_arena_is_on_disk_when_the_test_host_is_killed()
    {
        var who = solution.FlowCover.Run(solution.Root, "who", "--data-file", "killed.flowcover", $"Lib0/Ops.cs:{ManyTestsSolution.FirstLineOf(ManyTestsSolution.KilledMethod)}");

        Assert.NotEqual(0, solution.Killed.ExitCode);
        Assert.True(who.ExitCode == 0, solution.Killed.Output + solution.Killed.Error + who.Error);
        Assert.Equal("Suite.Tests.Killed.RunsThenDies\n", who.Output);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 37)]
    [InlineData(0, 99)]
    [InlineData(1, 5)]
    [InlineData(1, 64)]
    public void Each_line_names_exactly_the_tests_that_ran_it(int library, int method)
    {
        var expected = Enumerable.Range(0, ManyTestsSolution.Tests)
            .Where(t => ManyTestsSolution.Calls(t, library).Contains(method))
            .Select(ManyTestsSolution.TestName).Order(StringComparer.Ordinal);

        var who = solution.FlowCover.Run(solution.Root, "who", $"Lib{library}/Ops.cs:{ManyTestsSolution.FirstLineOf(method)}");

        Assert.True(who.ExitCode == 0, who.Error);
        Assert.NotEmpty(expected);
        Assert.Equal(string.Concat(expected.Select(n => n + "\n")), who.Output);
    }
}
