using System.Diagnostics;
using Xunit;

namespace FlowCover.Tests.Cli;

/// <summary>
/// <c>./flowcover</c> rebuilds the CLI when a source under src/ is newer than its last build, and
/// only then: what builds write under bin/ and obj/ is not a source. A build says so in one line
/// on stderr before it starts (it takes about a minute); a call that does not build says nothing. Run on a copy of the script
/// in a tree of its own, with a <c>dotnet</c> on the path that records a build and puts a CLI in
/// place that says it ran.
/// </summary>
public sealed class WrapperScriptTests
{
    private readonly string _root = Scratch.Folder("wrapper");

    [Fact]
    public void Rebuilds_for_a_changed_source_and_not_for_build_output()
    {
        var script = Path.Combine(_root, "flowcover");
        Directory.CreateDirectory(_root);
        File.Copy(Path.Combine(PackagingTests.RepositoryRoot(), "flowcover"), script);
        var source = Write(Path.Combine(_root, "src", "App", "Program.cs"), "class Program { }");
        var fakeBin = Path.Combine(_root, "fake-bin");
        var builds = Path.Combine(_root, "builds.log");
        var cli = Path.Combine(_root, "artifacts", "cli", "flowcover");
        Write(Path.Combine(fakeBin, "dotnet"), $"""
            #!/bin/sh
            echo "$*" >> '{builds}'
            mkdir -p '{Path.GetDirectoryName(cli)}'
            printf '#!/bin/sh\necho ran "$@"\n' > '{cli}'
            chmod +x '{cli}'
            """);
        if (!OperatingSystem.IsWindows()) // The script is bash: this test is for Unix only, as ./flowcover is.
            File.SetUnixFileMode(Path.Combine(fakeBin, "dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var first = Run(script, fakeBin);
        Assert.Equal("ran --help", first.Output);
        Assert.Single(File.ReadAllLines(builds)); // No build yet: the first call builds.
        var announced = Assert.Single(first.ErrorLines);
        Assert.StartsWith("flowcover: building the CLI from this clone (", announced, StringComparison.Ordinal);
        Assert.EndsWith("; once, about a minute)...", announced, StringComparison.Ordinal);
        var built = File.GetLastWriteTimeUtc(Path.Combine(_root, "artifacts", "cli", ".built"));
        File.SetLastWriteTimeUtc(source, built.AddHours(-1));

        Assert.Equal(new Call("ran --help", []), Run(script, fakeBin));
        foreach (var output in new[] { Path.Combine("obj", "Release", "net10.0", "App.AssemblyInfo.cs"), Path.Combine("bin", "Debug", "Generated.cs") })
            File.SetLastWriteTimeUtc(Write(Path.Combine(_root, "src", "App", output), "// written by a build"), built.AddMinutes(1));
        Assert.Equal(new Call("ran --help", []), Run(script, fakeBin));
        Assert.Single(File.ReadAllLines(builds));

        File.SetLastWriteTimeUtc(source, built.AddMinutes(2));
        var rebuilt = Run(script, fakeBin);
        Assert.Equal("ran --help", rebuilt.Output);
        Assert.Equal(2, File.ReadAllLines(builds).Length);
        Assert.Matches(@"^flowcover: rebuilding the CLI from this clone \((native code|ReadyToRun|IL); src/ changed since the last build; about a minute\)\.\.\.$",
            Assert.Single(rebuilt.ErrorLines));
    }

    private static string Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
        return path;
    }

    /// <summary>What a call printed: stdout trimmed, stderr by line.</summary>
    private sealed record Call(string Output, string[] ErrorLines)
    {
        public bool Equals(Call? other) => other is not null && Output == other.Output && ErrorLines.SequenceEqual(other.ErrorLines);

        public override int GetHashCode() => Output.GetHashCode(StringComparison.Ordinal);
    }

    private static Call Run(string script, string fakeBin)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("--help");
        start.Environment["PATH"] = fakeBin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, output + error.Result);
        return new Call(output.Trim(), error.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
