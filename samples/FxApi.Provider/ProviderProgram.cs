namespace FxApi.Provider;

/// <summary>
/// The provider's entry point. Not top-level statements: the FxApi's own <c>Program</c> already
/// lives in the global namespace, and tests reference both apps.
/// </summary>
public sealed class ProviderProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddOptions<ProviderOptions>().BindConfiguration(ProviderOptions.Section);

        var app = builder.Build();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        RateEndpoints.Map(app);

        await app.RunAsync();
    }
}
