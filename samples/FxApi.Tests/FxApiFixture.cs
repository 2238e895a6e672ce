// The FxApi and its rate provider, started for one test class, on a SQLite file of its own.
//
// Paths the suite leaves untested ON PURPOSE, so a coverage report of it shows real misses
// (the annotations in samples/FxApi/Services/*.cs record exactly these):
//   - DELETE /api/v1/assets/{id}: AssetService.DeleteAsync never runs.
//   - The provider answering garbage JSON (or a JSON null): FxService.FetchAsync's JsonException
//     catch and its null check are never taken. Timeouts and 5xx answers are tested.
//   - The page-size limit: GET /api/v1/assets?pageSize=500 is never sent (page=0 is).
//   - An asset request without a value: AssetService.Apply's "value is required" never fires
//     (a missing name, an unknown currency and a negative value are tested).
//   - Sorting assets by currency: the "currency" arm of AssetService.ListAsync's sort switch
//     (sorting by name, the default order and an unknown sort are tested).
//   - A cross conversion whose first leg (to the pivot) exists but whose second leg does not:
//     FxService.QuoteAsync's last "return null".
//
// Smaller misses outside the two services, also on purpose: a missing history date and a malformed
// amount (QueryValues), an asset request without a kind (AssetKinds), the exception handler's
// fallback for exceptions it does not know, and the interceptor's scalar-command override.
//
// Categories: "api" tests pin the HTTP contract (routes, status codes, problem details), "services"
// tests the behaviour behind it (conversion routes, transactions, syncs, valuations), "fixture"
// the live-server fixture itself.
//
// Set FXAPI_SERVER_MODE=process to run the FxApi as a child process (dotnet FxApi.dll) instead of
// inside the test process; the provider always runs in process. The tests are the same.
using FlowCover.Testing;
using FxApi.Provider;

namespace FxApi.Tests;

public class FxApiFixture : IAsyncLifetime
{
    /// <summary>Base currencies the provider is configured to fail for.</summary>
    public const string SlowProviderBase = "CHF", FailingProviderBase = "SEK", GarbageProviderBase = "NOK";

    private readonly TempDirectory _directory = new("fxapi-tests");

    public LiveServer Provider { get; private set; } = null!;

    public LiveServer Api { get; private set; } = null!;

    /// <summary>A client of the FxApi.</summary>
    public HttpClient Client => Api.Client;

    public string DatabasePath => Path.Combine(_directory.Path, "fxapi.db");

    public async Task InitializeAsync()
    {
        Provider = await LiveServer.StartAsync<ProviderProgram>(ProviderServerOptions());
        Api = await ServerMode.StartFxApiAsync(ApiServerOptions(DatabasePath, Provider.BaseAddress));
        await SeedAsync(Client);
    }

    /// <summary>Data every test of the class can rely on; runs once, after the servers answer.</summary>
    protected virtual Task SeedAsync(HttpClient api) => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (Api is not null)
            await Api.DisposeAsync();
        if (Provider is not null)
            await Provider.DisposeAsync();
        _directory.Dispose();
    }

    public static LiveServerOptions ProviderServerOptions() => new LiveServerOptions { EnvironmentName = "Development", ReadinessPath = "/health" }
        .Set("Logging:LogLevel:Default", "Warning")
        .Set($"Provider:Faults:{SlowProviderBase}", "Slow")
        .Set($"Provider:Faults:{FailingProviderBase}", "Error")
        .Set($"Provider:Faults:{GarbageProviderBase}", "Garbage");

    public static LiveServerOptions ApiServerOptions(string databasePath, Uri providerAddress) => new LiveServerOptions { EnvironmentName = "Development", ReadinessPath = "/health" }
        .Set("Logging:LogLevel:Default", "Warning")
        .Set("FxApi:DatabasePath", databasePath)
        .Set("FxApi:ProviderBaseUrl", providerAddress.ToString())
        .Set("FxApi:ProviderTimeout", "00:00:03"); // long enough for a cold, instrumented sync; the slow fault waits 30 s
}
