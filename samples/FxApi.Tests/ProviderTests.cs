using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlowCover.Testing;
using FxApi.Provider;
using FxApi.Services;

namespace FxApi.Tests;

/// <summary>The stand-in rate provider on its own: its rates, and each fault it can be asked for.</summary>
[Trait("Category", "api")]
public sealed class ProviderTests(ProviderTests.ProviderServer provider) : IClassFixture<ProviderTests.ProviderServer>
{
    /// <summary>The provider as a plain <see cref="LiveServerFixture{TEntryPoint}"/>.</summary>
    public sealed class ProviderServer : LiveServerFixture<ProviderProgram>, IAsyncLifetime
    {
        protected override void Configure(LiveServerOptions options)
        {
            options.ReadinessPath = "/health";
            options.Set("Logging:LogLevel:Default", "Warning").Set("Provider:Date", "2024-09-02");
        }
    }

    [Fact]
    public async Task Rates_are_quoted_against_the_requested_base()
    {
        var snapshot = await provider.Client.GetFromJsonAsync<ProviderSnapshot>("/v1/rates/EUR", ApiJson.Options);

        Assert.Equal(("EUR", new DateOnly(2024, 9, 2)), (snapshot!.Base, snapshot.Date));
        Assert.Equal(1.086957m, snapshot.Rates["USD"]);
        Assert.DoesNotContain("EUR", snapshot.Rates.Keys);
    }

    [Fact]
    public async Task An_error_fault_answers_503()
    {
        using var response = await provider.Client.GetAsync("/v1/rates/USD?fault=error");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task A_garbage_fault_answers_json_that_does_not_parse()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/rates/USD");
        request.Headers.Add(RateEndpoints.FaultHeader, "garbage");
        using var response = await provider.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        await Assert.ThrowsAnyAsync<JsonException>(() => response.Content.ReadFromJsonAsync<ProviderSnapshot>());
    }

    [Fact]
    public async Task A_slow_fault_outlasts_a_short_client_timeout()
    {
        using var client = provider.Server.CreateClient();
        client.Timeout = TimeSpan.FromMilliseconds(300);

        await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetAsync("/v1/rates/USD?fault=slow"));
    }

    [Fact]
    public async Task An_unknown_base_is_404()
    {
        using var response = await provider.Client.GetAsync("/v1/rates/XYZ");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
