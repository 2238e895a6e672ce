using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Projects;

/// <summary>What <c>flowcover test</c> is pointed at is found as <c>dotnet test</c> finds it; what
/// cannot be tested is one line saying what was found and what to pass instead.</summary>
public sealed class TestInputTests
{
    private readonly FlowCoverProcess _flowcover = new();

    [Fact]
    public void A_folder_with_several_project_files_is_refused_naming_them()
    {
        var folder = Scratch.Folder("several");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "App.csproj"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "App.slnx"), "<Solution />");
        var result = _flowcover.Run(folder, "test");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("flowcover: the current folder: holds several project or solution files (App.csproj, App.slnx); pass the one to test.\n", result.Error);
    }

    [Fact]
    public void A_folder_without_one_is_refused()
    {
        var folder = Scratch.Folder("none");
        Directory.CreateDirectory(Path.Combine(folder, "src"));
        var result = _flowcover.Run(folder, "test", "src");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("flowcover: src: holds no project or solution file; pass one, e.g. flowcover test tests/MyApp.Tests.\n", result.Error);
    }

    [Fact]
    public void A_project_that_is_not_a_test_project_is_refused()
    {
        var folder = Scratch.Folder("library");
        Directory.CreateDirectory(folder);
        TemplateProjects.Dotnet(folder, "new", "classlib", "-n", "Lib", "-o", ".");
        var result = _flowcover.Run(folder, "test");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"flowcover: {Path.Combine(folder, "Lib.csproj")}: not a test project (MSBuild's IsTestProject is not true: it references no test SDK such as Microsoft.NET.Test.Sdk); pass your test project or solution.\n", result.Error);
    }
}
