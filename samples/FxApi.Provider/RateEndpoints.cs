using Microsoft.Extensions.Options;

namespace FxApi.Provider;

/// <summary><c>GET /v1/rates/{base}</c>: the latest rates of one base currency, or the fault asked for.</summary>
public static class RateEndpoints
{
    public const string FaultHeader = "X-Provider-Fault";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/rates/{base}", async (string @base, string? fault, HttpContext context, IOptionsMonitor<ProviderOptions> options) =>
        {
            var settings = options.CurrentValue;
            var code = @base.ToUpperInvariant();
            switch (ChooseFault(code, fault ?? context.Request.Headers[FaultHeader].ToString(), settings))
            {
                case ProviderFault.Slow:
                    // Waits until the delay is over or the caller hangs up, whichever comes first.
                    await Task.Delay(settings.SlowDelay, context.RequestAborted);
                    break;
                case ProviderFault.Error:
                    return Results.Text("upstream rate feed unavailable", statusCode: StatusCodes.Status503ServiceUnavailable);
                case ProviderFault.Garbage:
                    return Results.Text("{\"base\":\"" + code + "\",\"rates\":{\"EUR\":0.9", "application/json");
            }
            if (!RateTable.Quotes(code))
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No rates for '{@base}'.");
            var date = settings.Date ?? DateOnly.FromDateTime(DateTime.UtcNow);
            return Results.Ok(new { @base = code, date, rates = RateTable.RatesFor(code) });
        });
    }

    private static ProviderFault ChooseFault(string code, string? requested, ProviderOptions settings)
    {
        if (Enum.TryParse<ProviderFault>(requested, ignoreCase: true, out var fault))
            return fault;
        return settings.Faults.GetValueOrDefault(code, ProviderFault.None);
    }
}
