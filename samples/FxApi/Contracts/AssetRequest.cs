namespace FxApi.Contracts;

/// <summary>The body of create and update; every member is nullable so a missing one can be named.</summary>
public sealed record AssetRequest(string? Name, string? Kind, string? Currency, decimal? Value);
