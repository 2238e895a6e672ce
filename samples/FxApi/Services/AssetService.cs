using FxApi.Contracts;
using FxApi.Data;
using FxApi.Domain;
using FxApi.Errors;
using Microsoft.EntityFrameworkCore;

namespace FxApi.Services;

/// <summary>Assets: validated create and update, read, delete, a filtered page, and valuation through <see cref="FxService"/>.</summary>
public sealed class AssetService(FxDbContext db, FxService fx)   // hit
{
    public async Task<AssetDto> CreateAsync(AssetRequest request, CancellationToken ct)
    {
        var asset = new Asset();                                                                    // hit
        Apply(request, asset);                                                                      // hit
        db.Assets.Add(asset);                                                                       // hit
        await db.SaveChangesAsync(ct);                                                              // hit
        return asset.ToDto();                                                                       // hit
    }

    public async Task<AssetDto?> GetAsync(int id, CancellationToken ct)
    {
        var asset = await db.Assets.FindAsync([id], ct);                                            // hit
        return asset?.ToDto();                                                                      // hit br=2/2
    }

    public async Task<AssetDto?> UpdateAsync(int id, AssetRequest request, CancellationToken ct)
    {
        var asset = await db.Assets.FindAsync([id], ct);                                            // hit
        if (asset is null)                                                                          // hit br=2/2
            return null;                                                                            // hit
        Apply(request, asset);                                                                      // hit
        await db.SaveChangesAsync(ct);                                                              // hit
        return asset.ToDto();                                                                       // hit
    }

    public async Task<bool> DeleteAsync(int id, CancellationToken ct)
    {
        var deleted = await db.Assets.Where(a => a.Id == id).ExecuteDeleteAsync(ct);                // miss
        return deleted > 0;                                                                         // miss
    }

    public async Task<PagedResult<AssetDto>> ListAsync(AssetQuery query, CancellationToken ct)
    {
        var page = query.Page ?? 1;                                                                 // hit br=2/2
        var pageSize = query.PageSize ?? AssetQuery.DefaultPageSize;                                // hit br=2/2
        if (page < 1)                                                                               // hit br=2/2
            throw new ValidationFailedException("page", "must be 1 or more");                       // hit
        if (pageSize is < 1 or > AssetQuery.MaxPageSize)                                            // hit br=2/4
            throw new ValidationFailedException("pageSize", $"must be between 1 and {AssetQuery.MaxPageSize}");  // miss
        var assets = db.Assets.AsNoTracking();                                                      // hit
        if (query.Currency is not null)                                                             // hit br=2/2
        {
            var currency = Currencies.Require(query.Currency, "currency");                          // hit
            assets = assets.Where(a => a.Currency == currency);                                     // hit
        }
        if (query.Kind is not null)                                                                 // hit br=2/2
        {
            var kind = AssetKinds.Require(query.Kind, "kind");                                      // hit
            assets = assets.Where(a => a.Kind == kind);                                             // hit
        }
        if (query.Search is { } search)                                                             // hit br=2/2
            assets = assets.Where(a => a.Name.Contains(search));                                    // hit
        var ordered = query.Sort switch                                                             // hit br=3/4
        {
            null => assets.OrderBy(a => a.Id),                                                      // hit
            "name" => assets.OrderBy(a => a.Name).ThenBy(a => a.Id),                                // hit
            "currency" => assets.OrderBy(a => a.Currency).ThenBy(a => a.Id),                        // miss
            _ => throw new ValidationFailedException("sort", $"'{query.Sort}' is not one of name, currency"),  // hit
        };
        var total = await assets.CountAsync(ct);                                                    // hit
        var items = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);       // hit
        return new PagedResult<AssetDto>(items.ConvertAll(a => a.ToDto()), page, pageSize, total);  // hit
    }

    public async Task<ValuationDto?> ValueAsync(int id, string? currency, CancellationToken ct)
    {
        var target = Currencies.Require(currency, "currency");                                      // hit
        var asset = await db.Assets.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);        // hit
        if (asset is null)                                                                          // hit br=2/2
            return null;                                                                            // hit
        var conversion = await fx.ConvertAsync(asset.Currency, target, asset.Value, ct);            // hit
        return new ValuationDto(asset.Id, asset.Name, asset.Value, asset.Currency, conversion.Converted, target, conversion.Rate, conversion.Route);  // hit
    }

    /// <summary>Validates the whole request before touching the entity, so a rejected one changes nothing.</summary>
    private static void Apply(AssetRequest request, Asset asset)
    {
        var name = request.Name?.Trim();                                                            // hit br=2/2
        if (string.IsNullOrEmpty(name))                                                             // hit br=2/2
            throw new ValidationFailedException("name", "is required");                             // hit
        var kind = AssetKinds.Require(request.Kind, "kind");                                        // hit
        var currency = Currencies.Require(request.Currency, "currency");                            // hit
        var value = request.Value ?? throw new ValidationFailedException("value", "is required");   // hit br=1/2
        if (value < 0)                                                                              // hit br=2/2
            throw new ValidationFailedException("value", "must not be negative");                   // hit
        (asset.Name, asset.Kind, asset.Currency, asset.Value) = (name, kind, currency, value);      // hit
    }
}
