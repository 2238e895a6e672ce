using FxApi.Data;

namespace FxApi.Hosting;

/// <summary>Creates the SQLite file and its tables when the app starts (the sample has no migrations).</summary>
public static class DatabaseStartup
{
    public static async Task EnsureFxDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FxDbContext>();
        await db.Database.EnsureCreatedAsync(cancellationToken);
    }
}
