namespace FlowCover.Testing.Tests;

/// <summary><see cref="LiveServer.StartProcessAsync(string, LiveServerOptions, CancellationToken)"/>:
/// the app as <c>dotnet app.dll</c>, stopped with SIGTERM.</summary>
public sealed class OutOfProcessTests : IDisposable
{
    private readonly TestAppFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Starts_in_a_process_of_its_own_serves_with_its_settings_and_stops_gracefully_on_SIGTERM()
    {
        var server = await LiveServer.StartProcessAsync(TestAppFiles.AppDll, new LiveServerOptions()
            .Set("TestApp:Greeting", "hello")
            .Set("TestApp:StoppedMarker", _files.StoppedMarker));
        try
        {
            Assert.Equal("127.0.0.1", server.BaseAddress.Host);
            Assert.Equal("hello", await server.Client.GetStringAsync("/config/Greeting"));
            Assert.Equal(server.ProcessId.ToString(), await server.Client.GetStringAsync("/process"));
            Assert.NotEqual(Environment.ProcessId, server.ProcessId);
            Assert.Null(server.Services);
            Assert.Null(server.ExitCode);
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.False(server.WasKilled);
        Assert.Equal(0, server.ExitCode);
        Assert.Equal("stopped gracefully", File.ReadAllText(_files.StoppedMarker));
    }

    [Fact]
    public async Task An_app_that_exits_while_starting_is_one_error_with_its_output()
    {
        var options = new LiveServerOptions().Set("TestApp:FailOnStart", "no database");

        var error = await Assert.ThrowsAsync<LiveServerStartException>(() => LiveServer.StartProcessAsync(TestAppFiles.AppDll, options));

        Assert.StartsWith("FlowCover.Testing.TestApp did not start out of process: the process exited with code ", error.Message, StringComparison.Ordinal);
        Assert.Contains("TestApp refuses to start: no database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_slower_than_the_start_timeout_is_one_error_and_the_process_is_stopped()
    {
        var options = new LiveServerOptions { StartTimeout = TimeSpan.FromSeconds(1) }.Set("TestApp:StartDelayMs", "20000");

        var error = await Assert.ThrowsAsync<LiveServerStartException>(() => LiveServer.StartProcessAsync(TestAppFiles.AppDll, options));

        Assert.StartsWith("FlowCover.Testing.TestApp did not start out of process: no \"Now listening on:\" line within 1 s.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_app_is_one_error_saying_to_build_it()
    {
        var missing = Path.Combine(_files.Folder, "Nowhere.dll");

        var error = await Assert.ThrowsAsync<LiveServerStartException>(() => LiveServer.StartProcessAsync(missing));

        Assert.Equal($"Nowhere did not start out of process: {missing} does not exist; build the app first.", error.Message);
    }
}
