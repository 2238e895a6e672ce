using System.Net;
using System.Net.Sockets;

namespace FlowCover.Testing.Tests;

/// <summary><see cref="LiveServer.StartAsync{TEntryPoint}(LiveServerOptions, CancellationToken)"/>:
/// the app in the test process, on real Kestrel at 127.0.0.1.</summary>
public sealed class InProcessTests : IDisposable
{
    private readonly TestAppFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Starts_on_a_free_loopback_port_serves_with_its_settings_and_stops_gracefully()
    {
        var server = await LiveServer.StartAsync<Program>(new LiveServerOptions()
            .Set("TestApp:Greeting", "hello")
            .Set("TestApp:StoppedMarker", _files.StoppedMarker));
        var port = server.BaseAddress.Port;
        try
        {
            Assert.Equal("127.0.0.1", server.BaseAddress.Host);
            Assert.NotEqual(0, port);
            Assert.Equal("FlowCover.Testing.TestApp", await server.Client.GetStringAsync("/"));
            Assert.Equal("hello", await server.Client.GetStringAsync("/config/Greeting"));
            Assert.Equal(Environment.ProcessId.ToString(), await server.Client.GetStringAsync("/process"));
            Assert.NotNull(server.Services);
            using var raw = new TcpClient();
            await raw.ConnectAsync(IPAddress.Loopback, port); // a real socket, not TestServer
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.Equal("stopped gracefully", File.ReadAllText(_files.StoppedMarker));
        using var after = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => after.ConnectAsync(IPAddress.Loopback, port));
        await server.DisposeAsync(); // twice is safe
    }

    [Fact]
    public async Task A_fixture_starts_before_its_tests_and_stops_after()
    {
        var fixture = new Fixture(_files.StoppedMarker);
        Assert.Throws<InvalidOperationException>(() => fixture.Server);

        await fixture.InitializeAsync();
        Assert.Equal("from the fixture", await fixture.Client.GetStringAsync("/config/Greeting"));
        await fixture.DisposeAsync();

        Assert.True(File.Exists(_files.StoppedMarker));
    }

    [Fact]
    public async Task An_app_that_throws_while_starting_is_one_error_naming_the_app_and_its_reason()
    {
        var options = new LiveServerOptions().Set("TestApp:FailOnStart", "no database");

        var error = await Assert.ThrowsAsync<LiveServerStartException>(() => LiveServer.StartAsync<Program>(options));

        Assert.StartsWith("FlowCover.Testing.TestApp did not start in process on Kestrel at 127.0.0.1:0: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("TestApp refuses to start: no database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_is_one_error_naming_the_port()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<LiveServerStartException>(() => LiveServer.StartAsync<Program>(new LiveServerOptions { Port = port }));

        Assert.Contains($"did not start in process on Kestrel at 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("address already in use", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_app_slower_than_the_start_timeout_is_one_error_naming_the_timeout()
    {
        var options = new LiveServerOptions { StartTimeout = TimeSpan.FromSeconds(1) }.Set("TestApp:StartDelayMs", "20000");

        var error = await Assert.ThrowsAsync<LiveServerStartException>(() => LiveServer.StartAsync<Program>(options));

        Assert.Equal("FlowCover.Testing.TestApp did not start in process on Kestrel at 127.0.0.1:0 within 1 s.", error.Message);
    }

    private sealed class Fixture(string stoppedMarker) : LiveServerFixture<Program>
    {
        protected override void Configure(LiveServerOptions options) =>
            options.Set("TestApp:Greeting", "from the fixture").Set("TestApp:StoppedMarker", stoppedMarker);
    }
}
