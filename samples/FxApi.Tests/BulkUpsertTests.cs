using System.Net;
using FxApi.Contracts;

namespace FxApi.Tests;

/// <summary>POST /api/v1/fx/rates: a batch is stored whole, in one transaction, or not at all.</summary>
[Trait("Category", "services")]
public sealed class BulkUpsertTests(FxApiFixture fx) : IClassFixture<FxApiFixture>
{
    private static readonly DateOnly Day = new(2024, 4, 1);

    [Fact]
    public async Task New_rates_are_inserted_and_known_ones_replaced()
    {
        var first = await fx.Client.UpsertRatesAsync(
            new RateUpsert("EUR", "CHF", Day, 0.97m),
            new RateUpsert("EUR", "CHF", Day.AddDays(1), 0.98m));
        var second = await fx.Client.UpsertRatesAsync(
            new RateUpsert("EUR", "CHF", Day.AddDays(1), 0.99m),
            new RateUpsert("EUR", "CHF", Day.AddDays(2), 0.96m));

        Assert.Equal(new UpsertResult(2, 0), first);
        Assert.Equal(new UpsertResult(1, 1), second);
        using var latest = await fx.Client.GetAsync("/api/v1/fx/rates/EUR/CHF");
        Assert.Equal(0.96m, (await latest.ReadAsync<RateDto>()).Rate);
        using var history = await fx.Client.GetAsync("/api/v1/fx/rates/EUR/CHF/history?from=2024-04-02&to=2024-04-02");
        Assert.Equal(0.99m, Assert.Single(await history.ReadAsync<List<RateDto>>()).Rate);
    }

    [Fact]
    public async Task An_invalid_entry_rolls_back_the_entries_before_it()
    {
        using var response = await fx.Client.PostJsonAsync("/api/v1/fx/rates", new BulkUpsertRequest(
        [
            new RateUpsert("AUD", "NZD", Day, 1.08m),
            new RateUpsert("AUD", "NZD", Day.AddDays(1), 1.09m),
            new RateUpsert("AUD", "NZD", Day.AddDays(2), -1m),
        ]));

        await Problems.AssertInvalidAsync(response, "rates[2].rate");
        using var latest = await fx.Client.GetAsync("/api/v1/fx/rates/AUD/NZD");
        await Problems.AssertProblemAsync(latest, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_entry_without_a_date_is_400_naming_it()
    {
        using var response = await fx.Client.PostJsonAsync("/api/v1/fx/rates", new BulkUpsertRequest([new RateUpsert("CAD", "JPY", null, 110m)]));

        await Problems.AssertInvalidAsync(response, "rates[0].date");
    }

    [Fact]
    public async Task An_empty_batch_is_400_naming_rates()
    {
        using var response = await fx.Client.PostJsonAsync("/api/v1/fx/rates", new BulkUpsertRequest([]));

        await Problems.AssertInvalidAsync(response, "rates");
    }

    [Fact]
    public async Task A_batch_without_rates_is_400_naming_rates()
    {
        using var response = await fx.Client.PostJsonAsync("/api/v1/fx/rates", new { });

        await Problems.AssertInvalidAsync(response, "rates");
    }
}
