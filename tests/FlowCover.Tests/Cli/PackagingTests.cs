using System.Xml.Linq;
using FlowCover.Tests.Projects;
using Xunit;

namespace FlowCover.Tests.Cli;

/// <summary>
/// The packages a user takes as they are: the CLI as the .NET tool <c>flowcover</c>, and
/// FlowCover.Testing. Their metadata is complete and passes <c>dotnet pack</c>'s checks, their
/// assemblies are the same bytes whichever folder CI builds them in, and FlowCover.Testing restores
/// beside the lowest Microsoft.AspNetCore.Mvc.Testing 10.0 a user may have.
/// </summary>
[Collection(PackedClones.Collection)]
public sealed class PackagingTests(PackedClones packed)
{
    private static readonly string[] Packages = ["FlowCover", "FlowCover.Testing"];

    [Fact]
    public void Packed_tool_installs_and_runs_as_flowcover()
    {
        var tools = Scratch.Folder("tools");
        PackedClones.Run(packed.First, new Dictionary<string, string>(), "dotnet", "tool", "install", "FlowCover",
            "--version", packed.Version, "--tool-path", tools, "--add-source", PackedClones.Feed(packed.First));
        var help = PackedClones.Run(packed.First, new Dictionary<string, string>(), Path.Combine(tools, "flowcover"), "--help");
        Assert.Contains("restore", help);
        Assert.Contains("run", help);
    }

    [Fact]
    public void Packages_carry_readme_license_authors_and_the_origin_remote_without_a_pack_warning()
    {
        Assert.DoesNotContain("warning", packed.PackOutput, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("missing a readme", packed.PackOutput, StringComparison.Ordinal);
        foreach (var id in Packages)
        {
            var metadata = packed.Metadata(packed.First, id);
            Assert.Equal("The FlowCover authors", Value(metadata, "authors"));
            Assert.Equal("MIT", Value(metadata, "license"));
            Assert.Equal("expression", metadata.Elements().Single(e => e.Name.LocalName == "license").Attribute("type")?.Value);
            Assert.Equal("README.md", Value(metadata, "readme"));
            Assert.Null(metadata.Elements().FirstOrDefault(e => e.Name.LocalName is "icon" or "iconUrl"));
            Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")));
            var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
            Assert.Equal(PackedClones.RemoteUrl, repository.Attribute("url")?.Value);
            Assert.Equal("git", repository.Attribute("type")?.Value);

            var readme = System.Text.Encoding.UTF8.GetString(PackedClones.Files(packed.Package(packed.First, id))["README.md"]);
            Assert.StartsWith("# " + id, readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_clone_without_a_remote_packs_no_repository_url()
    {
        var repository = packed.Metadata(packed.NoRemote, "FlowCover.Testing").Elements().SingleOrDefault(e => e.Name.LocalName == "repository");
        Assert.Null(repository?.Attribute("url"));
    }

    [Fact]
    public void Two_clones_of_one_commit_in_different_folders_pack_the_same_assemblies()
    {
        foreach (var id in Packages)
        {
            var first = PackedClones.Files(packed.Package(packed.First, id));
            var second = PackedClones.Files(packed.Package(packed.Second, id));
            var assemblies = first.Keys.Where(path => path.EndsWith(".dll", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
            Assert.Contains(assemblies, path => path.EndsWith(id == "FlowCover" ? "/flowcover.dll" : "/FlowCover.Testing.dll", StringComparison.Ordinal));
            Assert.Equal(assemblies, second.Keys.Where(path => path.EndsWith(".dll", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            foreach (var assembly in assemblies)
                Assert.True(first[assembly].AsSpan().SequenceEqual(second[assembly]), $"{id}: {assembly} differs between the two clones");
        }
    }

    /// <summary>A user's test project on Mvc.Testing 10.0.0 (the first 10.0 release) takes the
    /// packed FlowCover.Testing from a folder feed; a dependency floor above theirs would fail the
    /// restore with NU1605 (a downgrade), which the build treats as an error.</summary>
    [Fact]
    public void FlowCover_Testing_restores_and_builds_beside_Mvc_Testing_10_0_0()
    {
        var root = Scratch.Folder("consumer");
        Directory.CreateDirectory(root);
        TemplateProjects.Dotnet(root, "new", "xunit", "-n", "Consumer", "-o", ".", "--no-restore");
        packed.WriteNuGetConfig(root);
        var project = Path.Combine(root, "Consumer.csproj");
        var xml = XDocument.Load(project);
        xml.Root!.Add(new XElement("ItemGroup",
            new XElement("PackageReference", new XAttribute("Include", "Microsoft.AspNetCore.Mvc.Testing"), new XAttribute("Version", "10.0.0")),
            new XElement("PackageReference", new XAttribute("Include", "FlowCover.Testing"), new XAttribute("Version", packed.Version))));
        xml.Save(project);
        File.WriteAllText(Path.Combine(root, "ServerOptionsTests.cs"), """
            using FlowCover.Testing;

            namespace Consumer;

            public class ServerOptionsTests
            {
                [Fact]
                public void Options_chain() => Assert.Equal("x", new LiveServerOptions().Set("Db:Path", "x").Settings["Db:Path"]);
            }
            """);

        TemplateProjects.Dotnet(root, "build", "-nologo");

        var assets = File.ReadAllText(Path.Combine(root, "obj", "project.assets.json"));
        Assert.Contains("\"Microsoft.AspNetCore.Mvc.Testing/10.0.0\"", assets, StringComparison.Ordinal);
        Assert.Contains($"\"FlowCover.Testing/{packed.Version}\"", assets, StringComparison.Ordinal);
    }

    public static string RepositoryRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "FlowCover.slnx")))
            directory = Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("not inside the FlowCover repository");
        return directory;
    }

    private static string? Value(XElement metadata, string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
}
