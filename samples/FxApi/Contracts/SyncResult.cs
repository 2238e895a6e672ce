namespace FxApi.Contracts;

public sealed record SyncResult(string Base, DateOnly Date, int Inserted, int Updated);
