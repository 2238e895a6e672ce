using System.ComponentModel;
using System.Diagnostics;
using FlowCover.Data;

namespace FlowCover.Cli.Projects;

/// <summary>Runs the <c>dotnet</c> CLI with its output captured.</summary>
internal static class DotnetCommand
{
    public static (int ExitCode, string Output, string Error) Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // A measured run's data folder must not reach the builds and evaluations it starts.
        start.Environment.Remove(Session.ChildProcess.DataDirectoryVariable);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new UserError($"dotnet: cannot run it ({e.Message}); install the .NET SDK or put it on PATH.");
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
    }
}
