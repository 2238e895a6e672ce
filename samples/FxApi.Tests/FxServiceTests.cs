using FlowCover.Testing;
using FxApi.Contracts;
using FxApi.Hosting;
using FxApi.Provider;
using FxApi.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FxApi.Tests;

/// <summary>
/// The FX service called directly, without HTTP in front of it: what only a direct caller can do,
/// such as consuming the history stream itself or cancelling a sync half-way.
/// These run in the test process whatever <see cref="ServerMode"/> says.
/// </summary>
[Trait("Category", "services")]
public sealed class FxServiceTests(FxServiceTests.Container container) : IClassFixture<FxServiceTests.Container>
{
    /// <summary>The API's own service registrations over a temp database, and a live provider.</summary>
    public sealed class Container : IAsyncLifetime
    {
        private readonly TempDirectory _directory = new("fxservice-tests");

        public LiveServer Provider { get; private set; } = null!;

        public ServiceProvider Services { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Provider = await LiveServer.StartAsync<ProviderProgram>(FxApiFixture.ProviderServerOptions());
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["FxApi:DatabasePath"] = Path.Combine(_directory.Path, "fxapi.db"),
                ["FxApi:ProviderBaseUrl"] = Provider.BaseAddress.ToString(),
                ["FxApi:ProviderTimeout"] = "00:00:30",
            }).Build();
            Services = new ServiceCollection()
                .AddSingleton<IConfiguration>(configuration)
                .AddLogging()
                .AddFxApi()
                .BuildServiceProvider(validateScopes: true);
            await Services.EnsureFxDatabaseAsync();
        }

        public async Task DisposeAsync()
        {
            if (Services is not null)
                await Services.DisposeAsync();
            if (Provider is not null)
                await Provider.DisposeAsync();
            _directory.Dispose();
        }
    }

    [Fact]
    public async Task History_is_an_async_stream_of_the_stored_days()
    {
        await using var scope = container.Services.CreateAsyncScope();
        var fx = scope.ServiceProvider.GetRequiredService<FxService>();
        var day = new DateOnly(2024, 8, 1);
        await fx.UpsertRatesAsync([new RateUpsert("NZD", "USD", day, 0.61m), new RateUpsert("NZD", "USD", day.AddDays(1), 0.62m)], CancellationToken.None);

        var history = new List<RateDto>();
        await foreach (var rate in fx.GetHistory("NZD", "USD", day, day.AddDays(7), CancellationToken.None))
            history.Add(rate);

        Assert.Equal([0.61m, 0.62m], history.Select(r => r.Rate));
    }

    [Fact]
    public async Task A_sync_its_caller_cancels_ends_as_a_cancellation_not_as_a_provider_failure()
    {
        await using var scope = container.Services.CreateAsyncScope();
        var fx = scope.ServiceProvider.GetRequiredService<FxService>();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var error = await Record.ExceptionAsync(() => fx.SyncAsync(FxApiFixture.SlowProviderBase, cancellation.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(error);
    }
}
