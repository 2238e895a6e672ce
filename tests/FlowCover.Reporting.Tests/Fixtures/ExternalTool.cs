using System.Diagnostics;
using Xunit;

namespace FlowCover.Reporting.Tests.Fixtures;

/// <summary>
/// A program from a Debian package that a test drives for real (genhtml, chromium). A missing
/// one fails the test with the package to install: the check it stands for must not pass
/// silently on a machine that cannot make it. ./run-tests installs .ci/apt-packages.txt.
/// </summary>
public sealed record ExternalTool(string Command, string DebianPackage)
{
    public static readonly ExternalTool GenHtml = new("genhtml", "lcov");
    public static readonly ExternalTool Chromium = new("chromium", "chromium");

    /// <summary>The program's full path; fails the test when it is not installed.</summary>
    public string Path()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
            .Where(d => d.Length > 0)
            .Select(d => System.IO.Path.Combine(d, Command))
            .FirstOrDefault(File.Exists);
        if (found is null)
            Assert.Fail($"{Command} is not installed, and this test needs it: install the Debian package '{DebianPackage}' " +
                $"(apt-get install {DebianPackage}; it is listed in .ci/apt-packages.txt, which ./run-tests installs).");
        return found;
    }

    /// <summary>Runs the program to completion and returns its exit code and output.</summary>
    public (int ExitCode, string Output, string Error) Run(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path()) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Command} did not finish within {timeout.TotalSeconds:0} s.");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
