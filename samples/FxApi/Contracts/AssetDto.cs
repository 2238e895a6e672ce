using FxApi.Domain;

namespace FxApi.Contracts;

public sealed record AssetDto(int Id, string Name, AssetKind Kind, string Currency, decimal Value);
