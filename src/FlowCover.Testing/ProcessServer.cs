using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;
using FlowCover.StartupHook;

namespace FlowCover.Testing;

/// <summary>
/// The app runs as <c>dotnet app.dll --urls http://127.0.0.1:0</c>, configuration as <c>--key=value</c>
/// arguments. Its address is read from the host's "Now listening on:" log line; disposing sends
/// SIGTERM and waits for a graceful exit (SIGKILL only if it overstays
/// <see cref="LiveServerOptions.StopTimeout"/>).
/// </summary>
public sealed partial class ProcessServer : LiveServer
{
    private readonly Process _process;
    private readonly OutputLog _output;
    private readonly TimeSpan _stopTimeout;

    private ProcessServer(string appName, Uri baseAddress, Process process, OutputLog output, TimeSpan stopTimeout) : base(appName, baseAddress)
    {
        _process = process;
        _output = output;
        _stopTimeout = stopTimeout;
    }

    /// <summary>The child process's id.</summary>
    public int ProcessId { get; private init; }

    /// <summary>The exit code once the server has been disposed; null while it runs.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>True when the process had to be killed because it did not stop within the stop timeout.</summary>
    public bool WasKilled { get; private set; }

    /// <summary>The last lines of the process's stdout and stderr, in arrival order.</summary>
    public IReadOnlyList<string> Output => _output.Lines();

    [GeneratedRegex(@"Now listening on:\s*(?<address>\S+)")]
    private static partial Regex ListeningLine();

    internal static async Task<ProcessServer> StartAsync(string appDllPath, LiveServerOptions options, CancellationToken cancellationToken)
    {
        var appPath = Path.GetFullPath(appDllPath);
        var appName = Path.GetFileNameWithoutExtension(appPath);
        if (!File.Exists(appPath))
            throw new LiveServerStartException($"{appName} did not start out of process: {appPath} does not exist; build the app first.");

        var output = new OutputLog();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = StartInfo(appPath, options) };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
                return;
            output.Add(line);
            if (ListeningLine().Match(line) is { Success: true } match && Uri.TryCreate(match.Groups["address"].Value, UriKind.Absolute, out var address))
                listening.TrySetResult(address);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
                output.Add(line);
        };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            var host = process.StartInfo.FileName;
            process.Dispose();
            throw new LiveServerStartException($"{appName} did not start out of process: cannot run '{host}' ({e.Message}).", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        Uri address;
        try
        {
            var exited = process.WaitForExitAsync(CancellationToken.None);
            var first = await Task.WhenAny(listening.Task, exited, Task.Delay(options.StartTimeout, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            if (first == exited)
                throw Failure(appName, $"the process exited with code {process.ExitCode} before it listened", output);
            if (first != listening.Task)
                throw Failure(appName, $"no \"Now listening on:\" line within {options.StartTimeout.TotalSeconds:0.#} s", output);
            address = await listening.Task;
        }
        catch
        {
            await StopProcessAsync(process, options.StopTimeout);
            process.Dispose();
            throw;
        }

        var server = new ProcessServer(appName, new Uri(address, "/"), process, output, options.StopTimeout) { ProcessId = process.Id };
        try
        {
            await ServerReadiness.WaitAsync(server.Client, options.ReadinessPath, options.StartTimeout,
                () => process.HasExited ? Failure(appName, $"the process exited with code {process.ExitCode}", output).Message : null,
                cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static ProcessStartInfo StartInfo(string appPath, LiveServerOptions options)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(appPath)!,
        };
        start.ArgumentList.Add(appPath);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{options.Port}");
        foreach (var (key, value) in options.Settings)
        {
            if (value is not null)
                start.ArgumentList.Add($"--{key}={value}");
        }
        // The address is learnt from the host's start-up line: make sure it is logged, plainly.
        start.ArgumentList.Add("--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information");
        start.ArgumentList.Add("--Logging:Console:FormatterName=simple");
        start.ArgumentList.Add("--Logging:Console:FormatterOptions:ColorBehavior=Disabled");
        if (options.EnvironmentName is { } environmentName)
            start.Environment["ASPNETCORE_ENVIRONMENT"] = environmentName;
        // Under a FlowCover run with contexts, the app names each request's route in its context
        // (RouteContexts); otherwise it runs exactly as it would without FlowCover.Testing.
        if (RouteContexts.Recording)
        {
            start.Environment.TryGetValue(StartupHooks.Variable, out var hooks);
            start.Environment[StartupHooks.Variable] = StartupHooks.With(hooks, RouteContexts.HookPath);
        }
        foreach (var (name, value) in options.EnvironmentVariables)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        return start;
    }

    /// <summary>The dotnet host running the tests (so the same SDK and runtimes), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
            return hostPath;
        if (Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            return current;
        return "dotnet";
    }

    private static LiveServerStartException Failure(string appName, string reason, OutputLog output) =>
        new($"{appName} did not start out of process: {reason}. Its output ends with:{Environment.NewLine}{output.Tail()}");

    private protected override async ValueTask StopAsync()
    {
        WasKilled = await StopProcessAsync(_process, _stopTimeout);
        ExitCode = _process.ExitCode;
        _process.Dispose();
    }

    /// <summary>SIGTERM, then wait; SIGKILL if the process overstays. Returns whether it had to be killed.</summary>
    private static async Task<bool> StopProcessAsync(Process process, TimeSpan stopTimeout)
    {
        if (process.HasExited)
        {
            await process.WaitForExitAsync();
            return false;
        }
        if (OperatingSystem.IsWindows())
            process.Kill(entireProcessTree: true);
        else
            Signals.Terminate(process.Id);
        using var timeout = new CancellationTokenSource(stopTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return true;
        }
    }
}
