using FlowCover.Tests.Cli;
using FlowCover.Tests.Projects;
using Xunit;

namespace FlowCover.Tests.Guide;

/// <summary>
/// The guide's pages about servers, run in order in one scratch solution: an API made with
/// <c>dotnet new web</c> and an xUnit project referencing it, FlowCover installed as a local tool
/// as getting-started.md installs it.
/// </summary>
[Collection(PackedClones.Collection)]
public sealed class ServerGuideTests(PackedClones packed)
{
    public static readonly string[] Pages = ["live-server.md", "own-process.md"];

    [Fact]
    public void Every_command_of_the_server_pages_runs_and_prints_what_the_page_says()
    {
        var repository = PackagingTests.RepositoryRoot();
        var root = Scratch.Folder("shop-api");
        Directory.CreateDirectory(root);
        TemplateProjects.Dotnet(root, "new", "sln", "-n", "Shop");
        TemplateProjects.Dotnet(root, "new", "web", "-n", "Shop.Api", "-o", "src/Shop.Api", "--no-restore");
        TemplateProjects.Dotnet(root, "new", "xunit", "-n", "Shop.Api.Tests", "-o", "tests/Shop.Api.Tests", "--no-restore");
        TemplateProjects.Dotnet(root, "sln", "Shop.slnx", "add", "src/Shop.Api", "tests/Shop.Api.Tests");
        TemplateProjects.Dotnet(root, "add", "tests/Shop.Api.Tests", "reference", "src/Shop.Api");
        File.Delete(Path.Combine(root, "tests", "Shop.Api.Tests", "UnitTest1.cs"));
        var scratch = new GuideScratch(root, packed);
        var install = GuidePage.Read(repository, "getting-started.md")!.Blocks.First(b => b.Language == "sh" && b.Text.Contains("dotnet tool install", StringComparison.Ordinal));
        scratch.Shell(install, install.Text);

        foreach (var name in Pages)
            scratch.RunPage(GuidePage.Read(repository, name) ?? throw new InvalidOperationException($"docs/guide/{name} is missing"));
    }
}
