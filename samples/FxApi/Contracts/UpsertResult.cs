namespace FxApi.Contracts;

public sealed record UpsertResult(int Inserted, int Updated);
