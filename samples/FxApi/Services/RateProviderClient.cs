using System.Net.Http.Json;

namespace FxApi.Services;

/// <summary>
/// The typed <see cref="HttpClient"/> for the remote rate provider (base address and timeout from
/// the <c>FxApi</c> configuration section). Failures surface as the exceptions HttpClient throws;
/// <see cref="FxService"/> decides what each one means.
/// </summary>
public sealed class RateProviderClient(HttpClient http)
{
    /// <returns>The snapshot, or null when the provider answered a JSON <c>null</c>.</returns>
    public Task<ProviderSnapshot?> GetLatestAsync(string baseCurrency, CancellationToken cancellationToken) =>
        http.GetFromJsonAsync<ProviderSnapshot>($"v1/rates/{Uri.EscapeDataString(baseCurrency)}", cancellationToken);
}
