using FxApi.Domain;

namespace FxApi.Data;

/// <summary>Something owned, valued in its own currency.</summary>
public sealed class Asset
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public AssetKind Kind { get; set; }
    public string Currency { get; set; } = "";
    public decimal Value { get; set; }
}
