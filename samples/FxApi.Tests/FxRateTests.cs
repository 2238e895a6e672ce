using System.Net;
using System.Net.Http.Json;
using FxApi.Contracts;

namespace FxApi.Tests;

/// <summary>GET /api/v1/fx/rates/{base}/{quote} and its history.</summary>
[Trait("Category", "api")]
public sealed class FxRateTests(FxApiFixture fx) : IClassFixture<FxApiFixture>
{
    private static readonly DateOnly Day = new(2024, 3, 1);

    [Fact]
    public async Task Latest_rate_is_the_one_of_the_most_recent_day()
    {
        await fx.Client.UpsertRatesAsync(
            new RateUpsert("EUR", "USD", Day, 1.0850m),
            new RateUpsert("EUR", "USD", Day.AddDays(2), 1.0910m),
            new RateUpsert("EUR", "USD", Day.AddDays(1), 1.0875m));

        using var response = await fx.Client.GetAsync("/api/v1/fx/rates/eur/usd");

        var rate = await response.ReadAsync<RateDto>();
        Assert.Equal(new RateDto("EUR", "USD", Day.AddDays(2), 1.0910m), rate);
    }

    [Fact]
    public async Task A_pair_without_rates_is_404()
    {
        using var response = await fx.Client.GetAsync("/api/v1/fx/rates/NZD/SGD");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("NZD/SGD", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_currency_is_400_naming_it()
    {
        using var response = await fx.Client.GetAsync("/api/v1/fx/rates/EUR/XYZ");

        var message = await Problems.AssertInvalidAsync(response, "quote");
        Assert.Contains("XYZ", message);
    }

    [Fact]
    public async Task History_streams_the_days_of_the_range_in_date_order()
    {
        await fx.Client.UpsertRatesAsync([.. Enumerable.Range(0, 5).Reverse().Select(i => new RateUpsert("GBP", "JPY", Day.AddDays(i), 190m + i))]);

        var history = await fx.Client.GetFromJsonAsync<List<RateDto>>(
            "/api/v1/fx/rates/GBP/JPY/history?from=2024-03-02&to=2024-03-04", ApiJson.Options);

        Assert.Equal([191m, 192m, 193m], history!.Select(r => r.Rate));
        Assert.Equal([Day.AddDays(1), Day.AddDays(2), Day.AddDays(3)], history!.Select(r => r.Date));
    }

    [Fact]
    public async Task History_with_a_malformed_date_is_400_naming_it()
    {
        using var response = await fx.Client.GetAsync("/api/v1/fx/rates/GBP/JPY/history?from=2024-13-01&to=2024-12-31");

        var message = await Problems.AssertInvalidAsync(response, "from");
        Assert.Contains("2024-13-01", message);
    }

    [Fact]
    public async Task History_ending_before_it_starts_is_400_naming_to()
    {
        using var response = await fx.Client.GetAsync("/api/v1/fx/rates/GBP/JPY/history?from=2024-03-04&to=2024-03-02");

        await Problems.AssertInvalidAsync(response, "to");
    }
}
