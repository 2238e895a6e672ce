using System.Net;
using FxApi.Contracts;
using FxApi.Domain;

namespace FxApi.Tests;

/// <summary>POST, GET and PUT under /api/v1/assets, and the validation of their bodies.</summary>
[Trait("Category", "api")]
public sealed class AssetCrudTests(FxApiFixture fx) : IClassFixture<FxApiFixture>
{
    private const int MissingId = 987654;

    [Fact]
    public async Task A_created_asset_can_be_read_back_from_its_location()
    {
        using var created = await fx.Client.PostJsonAsync("/api/v1/assets", new AssetRequest("  Index fund ", "equity", "eur", 12_500.50m));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var asset = await created.ReadAsync<AssetDto>();
        Assert.Equal(new AssetDto(asset.Id, "Index fund", AssetKind.Equity, "EUR", 12_500.50m), asset);
        using var read = await fx.Client.GetAsync(created.Headers.Location);
        Assert.Equal(asset, await read.ReadAsync<AssetDto>());
    }

    [Fact]
    public async Task An_update_replaces_every_field()
    {
        var asset = await fx.Client.CreateAssetAsync(new AssetRequest("Savings", "Cash", "GBP", 1_000m));

        using var updated = await fx.Client.PutJsonAsync($"/api/v1/assets/{asset.Id}", new AssetRequest("Bonds", "Bond", "CHF", 2_000m));

        Assert.Equal(new AssetDto(asset.Id, "Bonds", AssetKind.Bond, "CHF", 2_000m), await updated.ReadAsync<AssetDto>());
        using var read = await fx.Client.GetAsync($"/api/v1/assets/{asset.Id}");
        Assert.Equal(AssetKind.Bond, (await read.ReadAsync<AssetDto>()).Kind);
    }

    [Fact]
    public async Task Reading_a_missing_asset_is_404()
    {
        using var response = await fx.Client.GetAsync($"/api/v1/assets/{MissingId}");

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Updating_a_missing_asset_is_404()
    {
        using var response = await fx.Client.PutJsonAsync($"/api/v1/assets/{MissingId}", new AssetRequest("Ghost", "Cash", "USD", 1m));

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_asset_without_a_name_is_400_and_not_stored()
    {
        var before = await CountAsync();

        using var response = await fx.Client.PostJsonAsync("/api/v1/assets", new { kind = "Cash", currency = "USD", value = 5m });

        await Problems.AssertInvalidAsync(response, "name");
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task An_unknown_currency_is_400_naming_it()
    {
        using var response = await fx.Client.PostJsonAsync("/api/v1/assets", new AssetRequest("Gold bar", "Property", "XAU", 5m));

        Assert.Contains("XAU", await Problems.AssertInvalidAsync(response, "currency"));
    }

    [Fact]
    public async Task A_negative_value_is_400_and_leaves_the_asset_unchanged()
    {
        var asset = await fx.Client.CreateAssetAsync(new AssetRequest("Car", "Property", "EUR", 9_000m));

        using var response = await fx.Client.PutJsonAsync($"/api/v1/assets/{asset.Id}", new AssetRequest("Car", "Property", "EUR", -1m));

        await Problems.AssertInvalidAsync(response, "value");
        using var read = await fx.Client.GetAsync($"/api/v1/assets/{asset.Id}");
        Assert.Equal(9_000m, (await read.ReadAsync<AssetDto>()).Value);
    }

    private async Task<int> CountAsync()
    {
        using var response = await fx.Client.GetAsync("/api/v1/assets?pageSize=1");
        return (await response.ReadAsync<PagedResult<AssetDto>>()).Total;
    }
}
