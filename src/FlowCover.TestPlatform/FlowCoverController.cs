using System.Reflection;
using FlowCover.Cli.Integration;
using Microsoft.Testing.Platform.CommandLine;
using Microsoft.Testing.Platform.Extensions.OutputDevice;
using Microsoft.Testing.Platform.Extensions.TestHostControllers;
using Microsoft.Testing.Platform.OutputDevice;

namespace FlowCover.TestPlatform;

/// <summary>
/// Runs in the test host controller, the process that starts the test host: instruments before
/// the test host starts (so it loads the instrumented assemblies), and after it exited restores
/// every file, writes the data file and the configured reports, and shows the coverage table.
/// Enabled by <c>--flowcover</c>, or by a build with the FlowCover property set to true (the
/// package's targets put the switch in the application's runtimeconfig.json).
/// </summary>
internal sealed class FlowCoverController(FlowCoverOptions options, ICommandLineOptions commandLine, IOutputDevice output)
    : ITestHostProcessLifetimeHandler, IOutputDeviceDataProducer
{
    public const string BuildSwitch = "FlowCover.Enabled";

    /// <summary>The exit code of a run in which coverage was asked for and could not begin.</summary>
    public const int RefusedExitCode = 2;

    private DotnetTestSession? _session;

    public string Uid => nameof(FlowCoverController);
    public string Version => options.Version;
    public string DisplayName => options.DisplayName;
    public string Description => options.Description;

    public Task<bool> IsEnabledAsync() => Task.FromResult(IsEnabled(commandLine));

    /// <summary>Whether the run asks for coverage: <c>--flowcover</c>, the build switch, or
    /// contexts (which are coverage too).</summary>
    public static bool IsEnabled(ICommandLineOptions commandLine) =>
        commandLine.IsOptionSet(FlowCoverOptions.Enable) || AppContext.TryGetSwitch(BuildSwitch, out var on) && on
        || FlowCoverOptions.ContextsGiven(commandLine) is not null;

    public async Task BeforeTestHostProcessStartAsync(CancellationToken cancellationToken)
    {
        var testAssembly = Assembly.GetEntryAssembly()?.Location;
        var log = new StringWriter();
        _session = DotnetTestSession.Begin(string.IsNullOrEmpty(testAssembly) ? [] : [testAssembly], FlowCoverOptions.Given(commandLine), log,
            FlowCoverOptions.ContextsGiven(commandLine));
        await Say(log.ToString(), cancellationToken);
        if (_session is null)
            Refuse(log.ToString());
    }

    /// <summary>
    /// Coverage was asked for and could not begin. dotnet test on the platform shows nothing of a
    /// run that passes (dotnet/sdk#51615), so the one line would go unseen and the tests' success
    /// would read as a measured run: the application ends here, before any test, with the line
    /// on its error output and exit code 2, which dotnet test shows as a failed run.
    /// </summary>
    private static void Refuse(string line)
    {
        Console.Error.WriteLine(line.TrimEnd());
        Console.Error.Flush();
        Console.Out.Flush();
        Environment.Exit(RefusedExitCode);
    }

    public Task OnTestHostProcessStartedAsync(ITestHostProcessInformation testHostProcessInformation, CancellationToken cancellation)
    {
        _session?.TestHostStarted(testHostProcessInformation.PID);
        return Task.CompletedTask;
    }

    public async Task OnTestHostProcessExitedAsync(ITestHostProcessInformation testHostProcessInformation, CancellationToken cancellation)
    {
        if (_session is null)
            return;
        var text = new StringWriter();
        _ = _session.Finish(text, text);
        _session = null;
        await Say(text.ToString(), cancellation);
    }

    /// <summary>Shown where the platform shows its output device: the console of dotnet run or
    /// of the test application run directly (dotnet test on the platform shows a test
    /// application's output only when it fails).</summary>
    private async Task Say(string text, CancellationToken cancellationToken)
    {
        if (text.Length > 0)
            await output.DisplayAsync(this, new TextOutputDeviceData(text.TrimEnd()), cancellationToken);
    }
}
