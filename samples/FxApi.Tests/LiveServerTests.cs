using System.Net;
using System.Net.Sockets;
using FlowCover.Testing;

namespace FxApi.Tests;

/// <summary>The live-server fixture itself, in both of its modes, with the FxApi as the app.</summary>
[Trait("Category", "fixture")]
public sealed class LiveServerTests : IDisposable
{
    private readonly TempDirectory _directory = new("liveserver-tests");

    public void Dispose() => _directory.Dispose();

    private LiveServerOptions Options(string databaseFile) =>
        FxApiFixture.ApiServerOptions(Path.Combine(_directory.Path, databaseFile), new Uri("http://127.0.0.1:9/"));

    [Fact]
    public async Task Two_servers_of_one_app_run_side_by_side_on_ports_of_their_own()
    {
        var starting = new[] { "one.db", "two.db" }.Select(file => LiveServer.StartAsync<Program>(Options(file))).ToArray();
        var servers = await Task.WhenAll(starting);
        try
        {
            Assert.NotEqual(servers[0].BaseAddress, servers[1].BaseAddress);
            foreach (var server in servers)
            {
                Assert.Equal("127.0.0.1", server.BaseAddress.Host);
                using var health = await server.Client.GetAsync("/health");
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
                Assert.NotNull(server.Services);
            }
        }
        finally
        {
            foreach (var server in servers)
                await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_app_that_throws_while_starting_reports_its_own_error()
    {
        var options = Options(Path.Combine("no-such-directory", "fx.db"));

        var error = await Assert.ThrowsAsync<LiveServerStartException>(() => LiveServer.StartAsync<Program>(options));

        Assert.Contains("FxApi did not start in process", error.Message);
        Assert.Contains("unable to open database file", error.Message);
    }

    [Fact]
    public async Task A_port_in_use_is_reported_with_the_port()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var options = Options("port.db");
        options.Port = port;

        var error = await Assert.ThrowsAsync<LiveServerStartException>(() => LiveServer.StartAsync<Program>(options));

        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("address already in use", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_out_of_process_server_answers_and_stops_gracefully_on_SIGTERM()
    {
        var server = await LiveServer.StartProcessAsync(ServerMode.FxApiDll(), Options("process.db"));
        try
        {
            using var health = await server.Client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.NotEqual(Environment.ProcessId, server.ProcessId);
            Assert.Null(server.Services);
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.False(server.WasKilled);
        Assert.Equal(0, server.ExitCode);
        Assert.Contains(server.Output, line => line.Contains("Application is shutting down", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_out_of_process_app_that_exits_while_starting_reports_its_output()
    {
        var options = Options(Path.Combine("no-such-directory", "fx.db"));

        var error = await Assert.ThrowsAsync<LiveServerStartException>(() => LiveServer.StartProcessAsync(ServerMode.FxApiDll(), options));

        Assert.Contains("exited with code", error.Message);
        Assert.Contains("unable to open database file", error.Message);
    }
}
