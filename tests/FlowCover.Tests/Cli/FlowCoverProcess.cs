using System.Diagnostics;

namespace FlowCover.Tests.Cli;

/// <summary>Runs the real flowcover CLI as a separate process, with its own FLOWCOVER_HOME so
/// tests never see each other's sessions: the built flowcover.dll on the JIT, or the executable
/// given (the native CLI that ./flowcover publishes).</summary>
public sealed class FlowCoverProcess(string? executable = null)
{
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "flowcover.dll");

    public string Home { get; } = Scratch.Folder("home");

    public sealed record Result(int ExitCode, string Output, string Error);

    public Process Start(string workingDirectory, params string[] arguments) => Start(workingDirectory, new Dictionary<string, string>(), arguments);

    public Process Start(string workingDirectory, IDictionary<string, string> environment, params string[] arguments) =>
        Start(workingDirectory, environment, ownSession: false, arguments);

    /// <param name="ownSession">Started by setsid, in a session and process group of its own with
    /// no terminal: a signal sent to it is then its alone, as flowcover tells a signal typed at a
    /// terminal (which its whole process group gets) from one sent to it.</param>
    public Process Start(string workingDirectory, IDictionary<string, string> environment, bool ownSession, params string[] arguments)
    {
        var start = new ProcessStartInfo(ownSession ? "setsid" : executable ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (ownSession)
            start.ArgumentList.Add(executable ?? "dotnet");
        if (executable is null)
            start.ArgumentList.Add(CliDll);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["FLOWCOVER_HOME"] = Home;
        start.Environment.Remove("FLOWCOVER_DATA_DIR");
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return Process.Start(start)!;
    }

    public Result Run(string workingDirectory, params string[] arguments) => Run(workingDirectory, new Dictionary<string, string>(), arguments);

    public Result Run(string workingDirectory, IDictionary<string, string> environment, params string[] arguments)
    {
        using var process = Start(workingDirectory, environment, arguments);
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("flowcover " + string.Join(' ', arguments) + " did not finish");
        }
        return new Result(process.ExitCode, output, error.Result);
    }
}
