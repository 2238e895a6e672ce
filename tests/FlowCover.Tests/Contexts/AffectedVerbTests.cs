using System.Diagnostics;
using FlowCover.Data;
using FlowCover.Data.Contexts;
using FlowCover.Reporting.Contexts;
using FlowCover.Tests.Cli;
using Xunit;
using static FlowCover.Tests.Contexts.ContextSamples;

namespace FlowCover.Tests.Contexts;

/// <summary>
/// <c>flowcover affected</c> on a real git change in a temporary repository, over contexts built
/// by hand. <c>src/Service.cs</c> has two methods: <c>Add</c> from line 10 with statements on
/// lines 11-13 (probes 0-2), and <c>Total</c> from line 20 with statements on 21-23 (probes 3-5).
/// </summary>
public sealed class AffectedVerbTests
{
    private readonly FlowCoverProcess _flowcover = new();
    private readonly string _repo = Directory.CreateDirectory(Scratch.Folder("affected")).FullName;

    public AffectedVerbTests()
    {
        Directory.CreateDirectory(Path.Combine(_repo, "src"));
        Directory.CreateDirectory(Path.Combine(_repo, "tests"));
        File.WriteAllLines(Path.Combine(_repo, "src", "Service.cs"), Enumerable.Range(1, 30).Select(i => $"// line {i}"));
        File.WriteAllText(Path.Combine(_repo, "tests", "CartTests.cs"), "namespace Shop.Tests;\n\npublic class CartTests\n{\n    public void Adds() { }\n}\n");
        File.WriteAllText(Path.Combine(_repo, ".gitignore"), ".flowcover*\n");
        Git("init", "-q");
        Git("add", ".");
        Git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base");

        var source = Path.Combine(_repo, "src", "Service.cs");
        var model = new ModuleModel("Shop.0123456789abcdef", "Shop", "0123456789abcdef", 6, [source],
        [
            new MethodModel("Shop.Service", "Service.Add", 0, 10, [.. Enumerable.Range(0, 3).Select(p => new LineProbe(11 + p, ProbeList.Of(p)))], []),
            new MethodModel("Shop.Service", "Service.Total", 0, 20, [.. Enumerable.Range(3, 3).Select(p => new LineProbe(18 + p, ProbeList.Of(p)))], []),
        ]);
        var data = new CoverageData(CoverageData.CurrentVersion, CoverageMode.Set, [new ModuleCoverage(model, [1, 1, 1, 1, 1, 0])]);
        CoverageDataFile.Write(Path.Combine(_repo, ".flowcover"), data);
        ContextDatabase.Save(Path.Combine(_repo, ".flowcover.contexts"), data,
        [
            Set("Shop.Tests.CartTests.Adds", null, model, 1),
            Set("Shop.Tests.OrderTests.Totals", "GET /orders", model, 4),
            Set("(setup) Shop.Tests.OrderTests", null, model, 3),
            Set("Shop.Tests.OtherTests.Idle", null, model, 0),
        ], append: false);
    }

    private string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _repo, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {process.StandardError.ReadToEnd()}");
        return output;
    }

    /// <summary>Line 12 (a statement of Add) and line 20 (Total's first line, no statement) edited,
    /// a test added to CartTests.cs, and a new test file not yet added to git.</summary>
    private void Change()
    {
        var lines = File.ReadAllLines(Path.Combine(_repo, "src", "Service.cs"));
        lines[11] = "// line 12, edited";
        lines[19] = "// line 20, edited";
        File.WriteAllLines(Path.Combine(_repo, "src", "Service.cs"), lines);
        File.WriteAllText(Path.Combine(_repo, "tests", "CartTests.cs"), "namespace Shop.Tests;\n\npublic class CartTests\n{\n    public void Adds() { }\n    public void Removes() { }\n}\n");
        File.WriteAllText(Path.Combine(_repo, "tests", "NewTests.cs"), "namespace Shop.Tests.Fresh\n{\n    public sealed class NewTests { }\n}\n");
    }

    private const string Expected =
        "FullyQualifiedName=Shop.Tests.CartTests.Adds|FullyQualifiedName=Shop.Tests.OrderTests.Totals" +
        "|FullyQualifiedName~Shop.Tests.CartTests.|FullyQualifiedName~Shop.Tests.Fresh.NewTests.|FullyQualifiedName~Shop.Tests.OrderTests.\n";

    [Fact]
    public void The_tests_that_ran_changed_lines_and_the_classes_of_changed_test_files_make_the_filter()
    {
        Change();

        var result = _flowcover.Run(_repo, "affected", "--base", "HEAD");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Expected, result.Output);
        Assert.Equal("flowcover: 2 recorded test(s) and 3 whole class(es) affected by 3 changed file(s).\n", result.Error);
    }

    [Fact]
    public void A_committed_change_and_its_diff_file_give_the_same_filter()
    {
        Change();
        Git("add", ".");
        Git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "change");
        File.WriteAllText(Path.Combine(_repo, "change.diff"), Git("diff", "HEAD~1", "HEAD"));

        var fromGit = _flowcover.Run(_repo, "affected", "--base", "HEAD~1");
        var fromFile = _flowcover.Run(Path.Combine(_repo, "src"), "affected", "--diff", Path.Combine(_repo, "change.diff"), "--data-file", Path.Combine(_repo, ".flowcover"));

        Assert.Equal((0, Expected), (fromGit.ExitCode, fromGit.Output));
        Assert.Equal((0, Expected), (fromFile.ExitCode, fromFile.Output));
    }

    [Fact]
    public void A_change_no_test_ran_prints_nothing_and_an_unknown_ref_is_one_line()
    {
        var lines = File.ReadAllLines(Path.Combine(_repo, "src", "Service.cs"));
        lines[2] = "// line 3, outside every method";
        File.WriteAllLines(Path.Combine(_repo, "src", "Service.cs"), lines);

        var nothing = _flowcover.Run(_repo, "affected", "--base", "HEAD");
        var unknown = _flowcover.Run(_repo, "affected", "--base", "no-such-branch");
        var help = _flowcover.Run(_repo, "affected", "--help");

        Assert.Equal((0, ""), (nothing.ExitCode, nothing.Output));
        Assert.Equal(2, unknown.ExitCode);
        Assert.StartsWith("flowcover: --base no-such-branch: git cannot diff against it (", unknown.Error);
        Assert.EndsWith("); name a commit, branch or tag of this repository.\n", unknown.Error);
        Assert.Contains("New or moved tests and changed test files are always included", help.Output);
    }

    [Fact]
    public void A_diff_marks_removed_and_replaced_old_lines_and_both_neighbours_of_an_insertion()
    {
        const string diff = """
            diff --git a/src/A.cs b/src/A.cs
            --- a/src/A.cs
            +++ b/src/A.cs
            @@ -3,4 +3,4 @@ class A
             context 3
            -removed 4
            +replaced 4
             context 5
             context 6
            @@ -20,0 +21,2 @@
            +inserted after 20
            +and another
            diff --git a/old/B.cs b/new/B.cs
            similarity index 90%
            rename from old/B.cs
            rename to new/B.cs
            --- a/old/B.cs
            +++ b/new/B.cs
            @@ -7 +7 @@
            --- a removed line that looks like a header
            +++ an added one
            """;

        var files = ChangedLines.Parse(diff);

        Assert.Equal(2, files.Count);
        Assert.Equal(("src/A.cs", "src/A.cs"), (files[0].OldPath, files[0].NewPath));
        Assert.Equal([4, 20, 21], files[0].OldLines.Order());
        Assert.Equal(("old/B.cs", "new/B.cs"), (files[1].OldPath, files[1].NewPath));
        Assert.Equal([7], files[1].OldLines.Order());
    }
}
