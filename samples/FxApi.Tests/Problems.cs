using System.Net;
using System.Text.Json;

namespace FxApi.Tests;

/// <summary>Checks of problem-details answers (RFC 9457): the status, and the field a validation error names.</summary>
public static class Problems
{
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>A 400 whose <c>errors</c> names <paramref name="field"/>; returns the field's messages.</summary>
    public static async Task<string> AssertInvalidAsync(HttpResponseMessage response, string field)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var messages = default(JsonElement);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out messages),
            $"expected errors.{field} in {problem}");
        return string.Join(" ", messages.EnumerateArray().Select(m => m.GetString()));
    }
}
