using FxApi.Contracts;
using FxApi.Services;

namespace FxApi.Endpoints;

/// <summary>Assets under <c>/api/v1/assets</c>: CRUD, a filtered page, and a valuation in any currency.</summary>
public static class AssetEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var assets = app.MapGroup("/api/v1/assets").WithTags("Assets");

        assets.MapPost("/", async (AssetRequest request, AssetService service, CancellationToken ct) =>
        {
            var created = await service.CreateAsync(request, ct);
            return TypedResults.Created($"/api/v1/assets/{created.Id}", created);
        });

        assets.MapGet("/{id:int}", async (int id, AssetService service, CancellationToken ct) =>
            await service.GetAsync(id, ct) is { } asset ? Results.Ok(asset) : NotFound(id));

        assets.MapPut("/{id:int}", async (int id, AssetRequest request, AssetService service, CancellationToken ct) =>
            await service.UpdateAsync(id, request, ct) is { } asset ? Results.Ok(asset) : NotFound(id));

        assets.MapDelete("/{id:int}", async (int id, AssetService service, CancellationToken ct) =>
            await service.DeleteAsync(id, ct) ? Results.NoContent() : NotFound(id));

        assets.MapGet("/", async ([AsParameters] AssetQuery query, AssetService service, CancellationToken ct) =>
            TypedResults.Ok(await service.ListAsync(query, ct)));

        assets.MapGet("/{id:int}/valuation", async (int id, string? currency, AssetService service, CancellationToken ct) =>
            await service.ValueAsync(id, currency, ct) is { } valuation ? Results.Ok(valuation) : NotFound(id));
    }

    private static IResult NotFound(int id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such asset", detail: $"Asset {id} does not exist.");
}
