using System.Diagnostics;

namespace FlowCover.Tests.Contexts;

/// <summary>
/// Requests as a client of a measured server sends them (docs/contexts.md, "Across HTTP"): the
/// test it runs for in the W3C <c>baggage</c> header as <c>flowcover.test</c>, or no baggage. Sent
/// with no Activity of this process current, so the header holds exactly what the test says
/// whatever the suite's own tracing.
/// </summary>
internal static class TestRequests
{
    /// <summary>GETs <paramref name="url"/> (absolute, or relative to the client's base address)
    /// and returns the body of a successful answer.</summary>
    public static string Get(HttpClient client, string url, string? test)
    {
        var outer = Activity.Current;
        Activity.Current = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (test is not null)
                request.Headers.Add("baggage", "flowcover.test=" + Uri.EscapeDataString(test));
            using var response = client.Send(request);
            return response.EnsureSuccessStatusCode().Content.ReadAsStringAsync().GetAwaiter().GetResult();
        }
        finally
        {
            Activity.Current = outer;
        }
    }

    /// <summary>The same with a client of its own.</summary>
    public static string Get(string url, string? test)
    {
        using var client = new HttpClient();
        return Get(client, url, test);
    }
}
