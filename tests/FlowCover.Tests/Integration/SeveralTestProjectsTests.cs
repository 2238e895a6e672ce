using FlowCover.Tests.Cli;
using FlowCover.Tests.Projects;
using Xunit;

namespace FlowCover.Tests.Integration;

/// <summary>One <see cref="ThreeTestProjects"/> per test class.</summary>
public sealed class ThreeTestProjectsFixture
{
    public ThreeTestProjects Solution { get; } = new();
}

/// <summary>
/// Several test projects measured by <c>dotnet test</c>: each test project's session keeps its
/// own part and the data file combines them (docs/guide/dotnet-test.md), so the last project to
/// finish never replaces the others' coverage, and an old part never passes for a new one.
/// </summary>
public sealed class SeveralTestProjectsTests(ThreeTestProjectsFixture fixture) : IClassFixture<ThreeTestProjectsFixture>
{
    private readonly ThreeTestProjects _solution = fixture.Solution;

    [Fact]
    public void Test_projects_add_up_across_runs_and_runners_and_a_run_says_what_it_combined()
    {
        _solution.Erase();
        // The solution's two VSTest projects, run at once by MSBuild's worker nodes.
        var run = _solution.DotnetTest(null);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal([ThreeTestProjects.NUnit, ThreeTestProjects.V2], _solution.Parts());
        Assert.Equal(ThreeTestProjects.SolutionRows, _solution.ReportRows());

        // The platform project, from its own folder, adds its part.
        var v3 = _solution.DotnetTest(ThreeTestProjects.V3);
        Assert.True(v3.ExitCode == 0, v3.Output);
        Assert.Equal(ThreeTestProjects.AllThree, _solution.ReportRows());
        Assert.Contains("line-rate=\"1\"", File.ReadAllText(Path.Combine(_solution.Root, ThreeTestProjects.ReportName)));

        // The collector's output is shown: V2 alone names the parts it combined.
        var alone = _solution.DotnetTest(ThreeTestProjects.V2);
        Assert.True(alone.ExitCode == 0, alone.Output);
        Assert.Matches(@"flowcover: \.flowcover combines this run with the latest coverage of Calc\.Tests\.(NUnit|V3) \(run at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\), Calc\.Tests\.(NUnit|V3) \(run at [-0-9: ]+ UTC\)", alone.Output);
        Assert.Equal(ThreeTestProjects.AllThree, _solution.ReportRows());

        // erase starts afresh: no part is combined into the next run.
        var erase = new FlowCoverProcess().Run(_solution.Root, "erase");
        Assert.True(erase.ExitCode == 0, erase.Error);
        Assert.False(File.Exists(_solution.DataFile));
        Assert.False(Directory.Exists(_solution.PartsFolder));
    }

    [Fact]
    public void A_part_whose_test_project_was_rebuilt_since_is_left_out_with_one_line()
    {
        _solution.Erase();
        Assert.Equal(0, _solution.DotnetTest(ThreeTestProjects.V3).ExitCode);
        // Not renamed back afterwards (a second rebuild): the other tests run V3 for its coverage of
        // Calc, whatever its test is called, and their dotnet test builds it as it now is.
        _solution.RebuildWithTestRenamed(ThreeTestProjects.V3);
        var run = _solution.DotnetTest(ThreeTestProjects.V2);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Matches(@"flowcover: warning: left out the coverage Calc\.Tests\.V3 recorded at [-0-9: ]+ UTC: " +
            @"tests/Calc\.Tests\.V3/bin/Debug/net10\.0/Calc\.Tests\.V3\.dll was rebuilt since; run Calc\.Tests\.V3's tests again \(or flowcover erase to start afresh\)", run.Output);
        Assert.Equal(ThreeTestProjects.V2Alone, _solution.ReportRows());
    }

    [Fact]
    public void Coverage_that_cannot_begin_on_the_platform_fails_the_run_and_drops_the_projects_old_part()
    {
        _solution.Erase();
        Assert.Equal(0, _solution.DotnetTest(ThreeTestProjects.V3).ExitCode);
        Assert.Equal(0, _solution.DotnetTest(ThreeTestProjects.V2).ExitCode);
        var config = Path.Combine(_solution.Folder(ThreeTestProjects.V3), "flowcover.json");
        File.WriteAllText(config, "{ \"mode\": ");
        try
        {
            var run = _solution.DotnetTest(ThreeTestProjects.V3);
            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains($"flowcover: {config}:", run.Output);
            // What is left is V2's coverage alone, never V3's old part passing for this run.
            Assert.Equal([ThreeTestProjects.V2], _solution.Parts());
            Assert.Equal(ThreeTestProjects.V2Alone, _solution.ReportRows());
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public void Coverage_that_cannot_begin_on_VSTest_says_so_and_drops_the_projects_old_part()
    {
        _solution.Erase();
        Assert.Equal(0, _solution.DotnetTest(null).ExitCode);
        var config = Path.Combine(_solution.Folder(ThreeTestProjects.NUnit), "flowcover.json");
        File.WriteAllText(config, "{ \"mode\": ");
        try
        {
            // The tests run uninstrumented; the collector's message, which VSTest shows, says why.
            var run = _solution.DotnetTest(ThreeTestProjects.NUnit);
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Contains($"flowcover: {config}:", run.Output);
            Assert.Equal([ThreeTestProjects.V2], _solution.Parts());
            Assert.Equal(ThreeTestProjects.V2Alone, _solution.ReportRows());
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task A_second_flowcover_test_waits_before_its_build_for_the_first_to_restore()
    {
        var flowcover = new FlowCoverProcess();
        var gate = Scratch.Folder("gate");
        using var first = flowcover.Start(_solution.Root, new Dictionary<string, string> { [ThreeTestProjects.GateVariable] = gate },
            "test", "tests/" + ThreeTestProjects.V2, "--data-file", Scratch.Folder("first") + ".flowcover");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(gate + ".started") && !first.HasExited && waited.Elapsed < TimeSpan.FromMinutes(5))
            Thread.Sleep(100);
        Assert.True(File.Exists(gate + ".started"), first.HasExited ? first.StandardError.ReadToEnd() : "the first run's test never started");

        using var second = flowcover.Start(_solution.Root, "test", "tests/" + ThreeTestProjects.V2, "--data-file", Scratch.Folder("second") + ".flowcover");
        var secondError = new System.Collections.Concurrent.ConcurrentQueue<string>();
        second.ErrorDataReceived += (_, e) => secondError.Enqueue(e.Data ?? "");
        second.BeginErrorReadLine();
        var secondOutput = second.StandardOutput.ReadToEndAsync();
        // The first run's test goes on until the second says it waits.
        var waiting = $"flowcover: waiting for another flowcover run on {_solution.Root} to finish";
        waited.Restart();
        while (!secondError.Contains(waiting) && !second.HasExited && waited.Elapsed < TimeSpan.FromMinutes(3))
            Thread.Sleep(100);
        File.WriteAllText(gate + ".go", "");
        var firstError = first.StandardError.ReadToEndAsync();
        var firstOutput = first.StandardOutput.ReadToEnd();
        Assert.True(first.WaitForExit(TimeSpan.FromMinutes(5)) && second.WaitForExit(TimeSpan.FromMinutes(5)));
        second.WaitForExit();

        var secondErrors = string.Join('\n', secondError);
        var firstErrors = await firstError;
        Assert.True(first.ExitCode == 0, firstErrors);
        Assert.True(second.ExitCode == 0, secondErrors);
        Assert.Contains(waiting, secondError);
        Assert.DoesNotContain("was rebuilt while the command ran", firstErrors + secondErrors);
        Assert.Equal(ThreeTestProjects.V2Alone, TemplateProjects.TableRows(firstOutput));
        Assert.Equal(ThreeTestProjects.V2Alone, TemplateProjects.TableRows(await secondOutput));
    }
}
