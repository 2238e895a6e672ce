namespace FxApi.Domain;

/// <summary>A rate found for a pair, and how it was found.</summary>
public sealed record RateQuote(decimal Rate, RateRoute Route);
