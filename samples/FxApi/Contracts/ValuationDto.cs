using FxApi.Domain;

namespace FxApi.Contracts;

public sealed record ValuationDto(int AssetId, string Name, decimal Value, string Currency, decimal ConvertedValue, string TargetCurrency, decimal Rate, RateRoute Route);
