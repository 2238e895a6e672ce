using FxApi.Data;

namespace FxApi.Contracts;

public static class DtoMapping
{
    public static RateDto ToDto(this FxRate rate) => new(rate.Base, rate.Quote, rate.Date, rate.Rate);

    public static AssetDto ToDto(this Asset asset) => new(asset.Id, asset.Name, asset.Kind, asset.Currency, asset.Value);
}
