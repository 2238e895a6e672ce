namespace FlowCover.Testing.TestApp;

/// <summary>Runs while the host starts, before it serves: TestApp:FailOnStart makes the start
/// throw, TestApp:StartDelayMs makes it slow.</summary>
internal sealed class StartBehaviour(IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration["TestApp:FailOnStart"] is { Length: > 0 } reason)
            throw new InvalidOperationException("TestApp refuses to start: " + reason);
        if (int.TryParse(configuration["TestApp:StartDelayMs"], out var delay))
            await Task.Delay(delay, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
