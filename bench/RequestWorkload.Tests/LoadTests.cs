using System.Net.Http.Json;
using FlowCover.Testing;
using Xunit;

namespace RequestWorkload.Tests;

/// <summary>The request-bound benchmark: the sample API on a real Kestrel port in the test
/// process, under a bounded load from a client in the same process (loopback only).</summary>
public sealed class LoadTests
{
    private const int Requests = 1_500;

    [Fact]
    public async Task Bounded_load_over_loopback()
    {
        var options = new LiveServerOptions();
        options.Settings["FxApi:DatabasePath"] = Path.Combine(Path.GetTempPath(), $"fxbench-{Guid.NewGuid():N}.db");
        await using var server = await LiveServer.StartAsync<Program>(options);
        var seed = await server.Client.PostAsJsonAsync("/api/v1/fx/rates",
            new { rates = new[] { new { @base = "EUR", quote = "USD", date = "2026-01-02", rate = 1.1m } } });
        seed.EnsureSuccessStatusCode();

        for (var i = 0; i < Requests; i++)
        {
            var path = (i % 3) switch
            {
                0 => "/api/v1/fx/convert?from=EUR&to=USD&amount=10",
                1 => "/api/v1/fx/rates/EUR/USD",
                _ => "/api/v1/fx/convert?from=USD&to=EUR&amount=5",
            };
            using var response = await server.Client.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        }
    }
}
