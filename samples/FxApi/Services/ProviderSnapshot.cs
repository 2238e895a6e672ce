namespace FxApi.Services;

/// <summary>What the rate provider answers: the rates of one base currency on one date.</summary>
public sealed record ProviderSnapshot(string Base, DateOnly Date, IReadOnlyDictionary<string, decimal> Rates);
