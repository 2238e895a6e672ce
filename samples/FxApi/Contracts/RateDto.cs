namespace FxApi.Contracts;

public sealed record RateDto(string Base, string Quote, DateOnly Date, decimal Rate);
