using FxApi.Contracts;
using FxApi.Services;

namespace FxApi.Endpoints;

/// <summary>Rates and conversions under <c>/api/v1/fx</c>.</summary>
public static class FxEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var fx = app.MapGroup("/api/v1/fx").WithTags("FX");

        fx.MapGet("/rates/{base}/{quote}", async (string @base, string quote, FxService service, CancellationToken ct) =>
            await service.GetLatestAsync(@base, quote, ct) is { } rate
                ? Results.Ok(rate)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No rate", detail: $"No {@base}/{quote} rate is stored."));

        // The history streams: rows go out as the database yields them, never as one list.
        fx.MapGet("/rates/{base}/{quote}/history", (string @base, string quote, string? from, string? to, FxService service, CancellationToken ct) =>
            TypedResults.Ok(service.GetHistory(@base, quote, QueryValues.RequireDate(from, "from"), QueryValues.RequireDate(to, "to"), ct)));

        fx.MapPost("/rates", async (BulkUpsertRequest request, FxService service, CancellationToken ct) =>
            TypedResults.Ok(await service.UpsertRatesAsync(request.Rates, ct)));

        fx.MapGet("/convert", async (string? from, string? to, string? amount, FxService service, CancellationToken ct) =>
            TypedResults.Ok(await service.ConvertAsync(from, to, QueryValues.RequireDecimal(amount, "amount"), ct)));

        fx.MapPost("/sync/{base}", async (string @base, FxService service, CancellationToken ct) =>
            TypedResults.Ok(await service.SyncAsync(@base, ct)));
    }
}
