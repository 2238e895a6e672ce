using FxApi.Contracts;

namespace FxApi.Tests;

/// <summary>GET /api/v1/assets: pages, filters, and the validation of the query.</summary>
[Trait("Category", "api")]
public sealed class AssetListTests(AssetListTests.Assets fx) : IClassFixture<AssetListTests.Assets>
{
    /// <summary>Five assets, created in this order (so their ids ascend in it).</summary>
    public sealed class Assets : FxApiFixture
    {
        protected override async Task SeedAsync(HttpClient api)
        {
            foreach (var asset in new AssetRequest[]
            {
                new("Alpha cash", "Cash", "EUR", 100m),
                new("Beta shares", "Equity", "USD", 200m),
                new("Gamma bond", "Bond", "EUR", 300m),
                new("Delta shares", "Equity", "GBP", 400m),
                new("Epsilon cash", "Cash", "USD", 500m),
            })
            {
                await api.CreateAssetAsync(asset);
            }
        }
    }

    private async Task<PagedResult<AssetDto>> ListAsync(string query)
    {
        using var response = await fx.Client.GetAsync("/api/v1/assets" + query);
        return await response.ReadAsync<PagedResult<AssetDto>>();
    }

    [Fact]
    public async Task A_page_holds_its_slice_and_the_total()
    {
        var page = await ListAsync("?page=2&pageSize=2");

        Assert.Equal((2, 2, 5), (page.Page, page.PageSize, page.Total));
        Assert.Equal(["Gamma bond", "Delta shares"], page.Items.Select(a => a.Name));
    }

    [Fact]
    public async Task Without_paging_the_first_twenty_are_listed()
    {
        var page = await ListAsync("");

        Assert.Equal((1, 20, 5), (page.Page, page.PageSize, page.Total));
        Assert.Equal(5, page.Items.Count);
    }

    [Fact]
    public async Task Filters_narrow_the_list_and_the_total()
    {
        var euro = await ListAsync("?currency=eur");
        var equity = await ListAsync("?kind=EQUITY");
        var shares = await ListAsync("?search=shares&currency=GBP");

        Assert.Equal(["Alpha cash", "Gamma bond"], euro.Items.Select(a => a.Name));
        Assert.Equal(["Beta shares", "Delta shares"], equity.Items.Select(a => a.Name));
        Assert.Equal((1, "Delta shares"), (shares.Total, Assert.Single(shares.Items).Name));
    }

    [Fact]
    public async Task Assets_can_be_sorted_by_name()
    {
        var page = await ListAsync("?sort=name&pageSize=3");

        Assert.Equal(["Alpha cash", "Beta shares", "Delta shares"], page.Items.Select(a => a.Name));
    }

    [Fact]
    public async Task An_unknown_sort_is_400_naming_sort()
    {
        using var response = await fx.Client.GetAsync("/api/v1/assets?sort=price");

        await Problems.AssertInvalidAsync(response, "sort");
    }

    [Fact]
    public async Task Page_zero_is_400_naming_page()
    {
        using var response = await fx.Client.GetAsync("/api/v1/assets?page=0");

        await Problems.AssertInvalidAsync(response, "page");
    }

    [Fact]
    public async Task An_unknown_kind_filter_is_400_naming_kind()
    {
        using var response = await fx.Client.GetAsync("/api/v1/assets?kind=yacht");

        await Problems.AssertInvalidAsync(response, "kind");
    }
}
