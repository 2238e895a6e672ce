using System.Diagnostics;
using FlowCover.Data;

namespace FlowCover.Cli.Session;

/// <summary>Asks MSBuild about a project (its build output folder) and builds it.</summary>
internal static class DotnetProject
{
    public static void Build(string project, string configuration, TextWriter log)
    {
        var (exitCode, output) = Dotnet(["build", project, "-c", configuration, "-nologo", "-v", "q", "-clp:NoSummary"]);
        if (exitCode != 0)
        {
            log.Write(output);
            throw new UserError($"{project}: build failed (dotnet build exited {exitCode}); fix the errors above.");
        }
    }

    public static string TargetDirectory(string project, string configuration)
    {
        var (exitCode, output) = Dotnet(["msbuild", project, "-getProperty:TargetDir", "-p:Configuration=" + configuration, "-nologo"]);
        var directory = output.Trim();
        if (exitCode != 0 || directory.Length == 0)
            throw new UserError($"{project}: cannot read its output folder from MSBuild; is it a .NET project?");
        return directory;
    }

    private static (int ExitCode, string Output) Dotnet(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
