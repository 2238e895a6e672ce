using FxApi.Domain;

namespace FxApi.Contracts;

public sealed record ConversionDto(string From, string To, decimal Amount, decimal Rate, decimal Converted, RateRoute Route);
