using System.Net;
using FxApi.Contracts;

namespace FxApi.Tests;

/// <summary>POST /api/v1/fx/sync/{base}: rates from the provider, and what a failing provider leaves behind.</summary>
[Trait("Category", "services")]
public sealed class RateSyncTests(FxApiFixture fx) : IClassFixture<FxApiFixture>
{
    private static readonly RateUpsert Existing = new(FxApiFixture.SlowProviderBase, "EUR", new DateOnly(2024, 6, 3), 1.05m);

    [Fact]
    public async Task Sync_stores_the_supported_rates_and_replaces_them_next_time()
    {
        using var first = await fx.Client.PostAsync("/api/v1/fx/sync/USD", null);
        using var second = await fx.Client.PostAsync("/api/v1/fx/sync/usd", null);

        var inserted = await first.ReadAsync<SyncResult>();
        var replaced = await second.ReadAsync<SyncResult>();
        // EUR GBP JPY CHF CAD AUD SEK NOK; the provider's XAU is not a supported currency.
        Assert.Equal(("USD", 8, 0), (inserted.Base, inserted.Inserted, inserted.Updated));
        Assert.Equal(("USD", 0, 8), (replaced.Base, replaced.Inserted, replaced.Updated));
        using var latest = await fx.Client.GetAsync("/api/v1/fx/rates/USD/EUR");
        Assert.Equal(0.92m, (await latest.ReadAsync<RateDto>()).Rate);
    }

    [Fact]
    public async Task A_provider_timeout_is_502_and_keeps_the_stored_rates()
    {
        await fx.Client.UpsertRatesAsync(Existing);

        using var response = await fx.Client.PostAsync($"/api/v1/fx/sync/{FxApiFixture.SlowProviderBase}", null);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Contains("did not answer in time", problem.GetProperty("detail").GetString());
        await AssertStillStoredAsync(Existing);
    }

    [Fact]
    public async Task A_provider_error_is_502_and_keeps_the_stored_rates()
    {
        var existing = Existing with { Base = FxApiFixture.FailingProviderBase };
        await fx.Client.UpsertRatesAsync(existing);

        using var response = await fx.Client.PostAsync($"/api/v1/fx/sync/{FxApiFixture.FailingProviderBase}", null);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Contains("503", problem.GetProperty("detail").GetString());
        await AssertStillStoredAsync(existing);
    }

    private async Task AssertStillStoredAsync(RateUpsert rate)
    {
        using var latest = await fx.Client.GetAsync($"/api/v1/fx/rates/{rate.Base}/{rate.Quote}");
        Assert.Equal(new RateDto(rate.Base!, rate.Quote!, rate.Date!.Value, rate.Rate!.Value), await latest.ReadAsync<RateDto>());
    }
}
