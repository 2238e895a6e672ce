namespace FxApi.Contracts;

/// <summary>One rate to insert or replace; every member is nullable so a missing one can be named.</summary>
public sealed record RateUpsert(string? Base, string? Quote, DateOnly? Date, decimal? Rate);
