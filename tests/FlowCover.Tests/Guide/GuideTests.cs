using System.Text.RegularExpressions;
using FlowCover.Tests.Cli;
using FlowCover.Tests.Projects;
using Xunit;

namespace FlowCover.Tests.Guide;

/// <summary>
/// The user guide's pages about measuring a solution, run in order in one scratch copy of the
/// Shop solution (two class libraries and an xUnit project, made with <c>dotnet new</c>) with a
/// second test class, so the suite has something to shard. Their commands must exit 0 and print
/// what the pages say they print. The order is the one in which each page's state makes sense:
/// the config page last, as its flowcover.json holds for every later command.
/// </summary>
[Collection(PackedClones.Collection)]
public sealed class GuideTests(PackedClones packed)
{
    private static readonly string[] ShopPages =
        ["getting-started.md", "measuring.md", "troubleshooting.md", "combining.md", "ci.md", "config.md", "dotnet-test.md"];

    [Fact]
    public void Every_command_of_the_solution_pages_runs_and_prints_what_the_page_says()
    {
        var repository = PackagingTests.RepositoryRoot();
        var root = TemplateProjects.ThreeProjectSolution();
        File.WriteAllText(Path.Combine(root, "tests", "Shop.Tests", "DescribeTests.cs"), """
            using Shop.Core;

            namespace Shop.Tests;

            public class DescribeTests
            {
                [Fact]
                public void No_items_is_empty() => Assert.Equal("empty", Cart.Describe(0));
            }
            """);
        var scratch = new GuideScratch(root, packed);
        var ran = new List<string>();
        foreach (var name in ShopPages)
        {
            if (GuidePage.Read(repository, name) is not { } page)
                continue; // Not written yet: docs/guide/README.md links it all the same.
            scratch.RunPage(page);
            ran.Add(name);
        }

        Assert.Equal(ShopPages.Take(6), ran.Take(6));
        // ci.md: the GitHub job summary is the Markdown table; GitLab's pattern finds the total.
        var summary = File.ReadAllText(scratch.StepSummary);
        Assert.Contains("| src/Shop.Core/Cart.cs ", summary, StringComparison.Ordinal);
        Assert.Contains("**TOTAL** |    **6** |    **1** |    **4** |    **2** | **70%** |", summary, StringComparison.Ordinal);
        var gitLab = GuidePage.Read(repository, "ci.md")!.Blocks.Single(b => b.Language == "yaml" && b.Text.Contains("coverage_format", StringComparison.Ordinal));
        var pattern = Regex.Match(gitLab.Text, @"coverage: '/(?<pattern>.+)/'").Groups["pattern"].Value;
        var table = scratch.Shell(gitLab, "dotnet flowcover report");
        Assert.Equal("70", new Regex(pattern, RegexOptions.Multiline).Match(table.ReplaceLineEndings("\n")).Groups[1].Value);
    }

    [Fact]
    public void The_guide_index_links_every_page_and_every_page_is_run()
    {
        var repository = PackagingTests.RepositoryRoot();
        var index = File.ReadAllText(Path.Combine(GuidePage.Folder(repository), "README.md"));
        var run = ShopPages.Concat(ServerGuideTests.Pages).ToHashSet(StringComparer.Ordinal);
        foreach (var name in run)
            Assert.Contains($"]({name})", index, StringComparison.Ordinal);
        foreach (var page in Directory.GetFiles(GuidePage.Folder(repository), "*.md").Select(Path.GetFileName))
            Assert.True(page == "README.md" || run.Contains(page!), $"docs/guide/{page} is run by no test: add it to GuideTests or ServerGuideTests");
    }
}
