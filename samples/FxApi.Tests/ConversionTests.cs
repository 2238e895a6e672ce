using System.Net;
using FxApi.Contracts;
using FxApi.Domain;

namespace FxApi.Tests;

/// <summary>GET /api/v1/fx/convert: direct, inverse, and cross rates through USD.</summary>
[Trait("Category", "services")]
public sealed class ConversionTests(ConversionTests.Rates fx) : IClassFixture<ConversionTests.Rates>
{
    /// <summary>EUR/USD and USD/JPY only: everything else is inverse, crossed, or missing.</summary>
    public sealed class Rates : FxApiFixture
    {
        protected override Task SeedAsync(HttpClient api) => api.UpsertRatesAsync(
            new RateUpsert("EUR", "USD", new DateOnly(2024, 5, 1), 1.10m),
            new RateUpsert("USD", "JPY", new DateOnly(2024, 5, 1), 150m));
    }

    private async Task<ConversionDto> ConvertAsync(string from, string to, string amount)
    {
        using var response = await fx.Client.GetAsync($"/api/v1/fx/convert?from={from}&to={to}&amount={amount}");
        return await response.ReadAsync<ConversionDto>();
    }

    [Fact]
    public async Task A_stored_rate_converts_directly()
    {
        var conversion = await ConvertAsync("EUR", "USD", "100");

        Assert.Equal(new ConversionDto("EUR", "USD", 100m, 1.10m, 110.00m, RateRoute.Direct), conversion);
    }

    [Fact]
    public async Task The_opposite_direction_uses_the_inverse_rate()
    {
        var conversion = await ConvertAsync("USD", "EUR", "110");

        Assert.Equal(RateRoute.Inverse, conversion.Route);
        Assert.Equal(100.00m, conversion.Converted);
    }

    [Fact]
    public async Task Two_non_pivot_currencies_cross_through_USD()
    {
        var conversion = await ConvertAsync("EUR", "JPY", "10");

        Assert.Equal(RateRoute.Cross, conversion.Route);
        Assert.Equal(165m, conversion.Rate);
        Assert.Equal(1650.00m, conversion.Converted);
    }

    [Fact]
    public async Task A_cross_rate_can_use_inverse_legs()
    {
        var conversion = await ConvertAsync("JPY", "EUR", "16500");

        Assert.Equal(RateRoute.Cross, conversion.Route);
        Assert.Equal(100.00m, conversion.Converted);
    }

    [Fact]
    public async Task A_currency_converts_to_itself_at_one()
    {
        var conversion = await ConvertAsync("usd", "USD", "42.5");

        Assert.Equal(new ConversionDto("USD", "USD", 42.5m, 1m, 42.50m, RateRoute.Identity), conversion);
    }

    [Fact]
    public async Task No_route_between_two_currencies_is_404()
    {
        using var response = await fx.Client.GetAsync("/api/v1/fx/convert?from=CAD&to=SEK&amount=1");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("CAD/SEK", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task No_rate_from_the_pivot_currency_is_404()
    {
        using var response = await fx.Client.GetAsync("/api/v1/fx/convert?from=USD&to=SEK&amount=1");

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_negative_amount_is_400_naming_it()
    {
        using var response = await fx.Client.GetAsync("/api/v1/fx/convert?from=EUR&to=USD&amount=-5");

        await Problems.AssertInvalidAsync(response, "amount");
    }

    [Fact]
    public async Task A_missing_amount_is_400_naming_it()
    {
        using var response = await fx.Client.GetAsync("/api/v1/fx/convert?from=EUR&to=USD");

        await Problems.AssertInvalidAsync(response, "amount");
    }
}
