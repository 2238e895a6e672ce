using System.Text.Json.Serialization;
using FxApi.Data;
using FxApi.Errors;
using FxApi.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FxApi.Hosting;

/// <summary>Everything the API needs in the container, usable without a web host (the service tests do).</summary>
public static class FxApiServices
{
    public static IServiceCollection AddFxApi(this IServiceCollection services)
    {
        // Options are read when first resolved, not while Program.cs runs, so settings that a test
        // host adds after the builder was created (WebApplicationFactory does) still apply.
        services.AddOptions<FxApiOptions>().BindConfiguration(FxApiOptions.Section);

        services.AddDbContext<FxDbContext>((provider, db) =>
        {
            var options = provider.GetRequiredService<IOptions<FxApiOptions>>().Value;
            var contentRoot = provider.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
            db.UseSqlite($"Data Source={Path.Combine(contentRoot, options.DatabasePath)}")
                .AddInterceptors(new YieldingCommandInterceptor());
        });

        services.AddHttpClient<RateProviderClient>((provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<FxApiOptions>>().Value;
            http.BaseAddress = options.ProviderBaseUrl;
            http.Timeout = options.ProviderTimeout;
        });

        services.AddScoped<FxService>();
        services.AddScoped<AssetService>();

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return services;
    }
}
