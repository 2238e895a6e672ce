using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using FxApi.Contracts;

namespace FxApi.Tests;

/// <summary>The API's JSON conventions (web defaults, enums as names) and the calls most tests make.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.ReasonPhrase}: {body}");
        return JsonSerializer.Deserialize<T>(body, Options) ?? throw new InvalidOperationException($"The body was null: {body}");
    }

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string path, T body) =>
        client.PostAsJsonAsync(path, body, Options);

    public static Task<HttpResponseMessage> PutJsonAsync<T>(this HttpClient client, string path, T body) =>
        client.PutAsJsonAsync(path, body, Options);

    /// <summary>Stores rates through the bulk endpoint and checks it accepted them.</summary>
    public static async Task<UpsertResult> UpsertRatesAsync(this HttpClient client, params RateUpsert[] rates)
    {
        using var response = await client.PostJsonAsync("/api/v1/fx/rates", new BulkUpsertRequest(rates));
        return await response.ReadAsync<UpsertResult>();
    }

    public static async Task<AssetDto> CreateAssetAsync(this HttpClient client, AssetRequest request)
    {
        using var response = await client.PostJsonAsync("/api/v1/assets", request);
        return await response.ReadAsync<AssetDto>();
    }
}
