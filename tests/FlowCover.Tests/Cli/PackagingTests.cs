using System.Diagnostics;
using Xunit;

namespace FlowCover.Tests.Cli;

/// <summary>The CLI ships as a .NET tool: <c>dotnet pack</c> gives a nupkg that
/// <c>dotnet tool install --add-source</c> installs as the command <c>flowcover</c>.</summary>
[Collection(ReleaseBuildsOfTheCli.Name)]
public sealed class PackagingTests
{
    [Fact]
    public void Packed_tool_installs_and_runs_as_flowcover()
    {
        var work = Scratch.Folder("pack");
        var project = Path.Combine(RepositoryRoot(), "src", "FlowCover.Cli");
        Run("dotnet", "pack", project, "-c", "Release", "-o", Path.Combine(work, "nupkg"), "-nologo");
        Assert.Single(Directory.GetFiles(Path.Combine(work, "nupkg"), "FlowCover.*.nupkg"));
        Run("dotnet", "tool", "install", "FlowCover", "--tool-path", Path.Combine(work, "tools"), "--add-source", Path.Combine(work, "nupkg"));
        var help = Run(Path.Combine(work, "tools", "flowcover"), "--help");
        Assert.Contains("restore", help);
        Assert.Contains("run", help);
    }

    public static string RepositoryRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "FlowCover.slnx")))
            directory = Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("not inside the FlowCover repository");
        return directory;
    }

    private static string Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{output}\n{error.Result}");
        return output;
    }
}
