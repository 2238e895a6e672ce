using FlowCover.Cli.Integration;
using Microsoft.Testing.Platform.CommandLine;
using Microsoft.Testing.Platform.Extensions;
using Microsoft.Testing.Platform.Extensions.TestHostControllers;

namespace FlowCover.TestPlatform;

/// <summary>
/// The test host's environment under FlowCover: with contexts, the startup hook that names each
/// request's route (<see cref="DotnetTestSession.TestHostEnvironment"/>), after the user's own
/// hooks, as <c>flowcover test --contexts test</c> gives its command.
/// </summary>
internal sealed class FlowCoverHostEnvironment(FlowCoverOptions options, ICommandLineOptions commandLine) : ITestHostEnvironmentVariableProvider
{
    public string Uid => nameof(FlowCoverHostEnvironment);
    public string Version => options.Version;
    public string DisplayName => options.DisplayName;
    public string Description => options.Description;

    public Task<bool> IsEnabledAsync() => Task.FromResult(FlowCoverOptions.ContextsGiven(commandLine) is not null);

    public Task UpdateAsync(IEnvironmentVariables environmentVariables)
    {
        foreach (var (name, value) in DotnetTestSession.TestHostEnvironment(FlowCoverOptions.ContextsGiven(commandLine)))
            environmentVariables.SetVariable(new EnvironmentVariable(name, value, isSecret: false, isLocked: false));
        return Task.CompletedTask;
    }

    public Task<ValidationResult> ValidateTestHostEnvironmentVariablesAsync(IReadOnlyEnvironmentVariables environmentVariables) => ValidationResult.ValidTask;
}
