using System.Net;
using FxApi.Contracts;
using FxApi.Domain;

namespace FxApi.Tests;

/// <summary>GET /api/v1/assets/{id}/valuation: an asset's value in another currency, through the FX service.</summary>
[Trait("Category", "services")]
public sealed class ValuationTests(ValuationTests.Portfolio fx) : IClassFixture<ValuationTests.Portfolio>
{
    /// <summary>A EUR flat and a CAD cabin, and a EUR/USD rate (nothing for CAD).</summary>
    public sealed class Portfolio : FxApiFixture
    {
        public AssetDto Flat { get; private set; } = null!;

        public AssetDto Cabin { get; private set; } = null!;

        protected override async Task SeedAsync(HttpClient api)
        {
            await api.UpsertRatesAsync(new RateUpsert("EUR", "USD", new DateOnly(2024, 7, 1), 1.10m));
            Flat = await api.CreateAssetAsync(new AssetRequest("Flat", "Property", "EUR", 200_000m));
            Cabin = await api.CreateAssetAsync(new AssetRequest("Cabin", "Property", "CAD", 80_000m));
        }
    }

    [Fact]
    public async Task An_asset_is_valued_in_another_currency()
    {
        using var response = await fx.Client.GetAsync($"/api/v1/assets/{fx.Flat.Id}/valuation?currency=USD");

        var valuation = await response.ReadAsync<ValuationDto>();
        Assert.Equal(new ValuationDto(fx.Flat.Id, "Flat", 200_000m, "EUR", 220_000.00m, "USD", 1.10m, RateRoute.Direct), valuation);
    }

    [Fact]
    public async Task An_asset_valued_in_its_own_currency_keeps_its_value()
    {
        using var response = await fx.Client.GetAsync($"/api/v1/assets/{fx.Flat.Id}/valuation?currency=eur");

        var valuation = await response.ReadAsync<ValuationDto>();
        Assert.Equal((200_000m, RateRoute.Identity), (valuation.ConvertedValue, valuation.Route));
    }

    [Fact]
    public async Task A_missing_asset_is_404()
    {
        using var response = await fx.Client.GetAsync("/api/v1/assets/424242/valuation?currency=USD");

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_asset_whose_currency_has_no_rates_is_404()
    {
        using var response = await fx.Client.GetAsync($"/api/v1/assets/{fx.Cabin.Id}/valuation?currency=EUR");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("CAD/EUR", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_missing_target_currency_is_400_naming_it()
    {
        using var response = await fx.Client.GetAsync($"/api/v1/assets/{fx.Flat.Id}/valuation");

        await Problems.AssertInvalidAsync(response, "currency");
    }
}
