namespace FxApi.Contracts;

/// <summary>The query string of <c>GET /api/v1/assets</c>; <c>sort</c> is <c>name</c> or <c>currency</c> (default: by id).</summary>
public sealed record AssetQuery(int? Page, int? PageSize, string? Currency, string? Kind, string? Search, string? Sort)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}
