namespace FxApi.Contracts;

public sealed record BulkUpsertRequest(IReadOnlyList<RateUpsert>? Rates);
