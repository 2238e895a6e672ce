using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowCover.Testing;

/// <summary>
/// Under a FlowCover run with contexts (<c>--contexts test</c>), names the route of each request
/// in the context its code runs in, <c>GET /fx/{base}/{quote}</c>, beside the test that sent it
/// (docs/contexts.md, "Across HTTP"). The measured modules' trackers take the test from the
/// request's W3C baggage as the request starts; the route is known only once routing has matched
/// an endpoint, which ASP.NET Core tells a <see cref="DiagnosticListener"/> subscriber
/// (<c>Microsoft.AspNetCore.Routing.EndpointMatched</c>), on the request's own flow, before the
/// endpoint runs. A subscriber is a class implementing <see cref="IObserver{T}"/>, which the
/// tracker cloned into each module (one static class) cannot carry, so it lives here: in the
/// test process when a <see cref="LiveServer"/> starts there, and in a <see cref="ProcessServer"/>'s
/// process through .NET's startup hook (<see cref="StartupHook"/>). Without a FlowCover run it
/// finds no contexts to name and does nothing.
/// </summary>
internal sealed class RouteContexts : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    /// <summary>Where the trackers publish the current context (ModuleTracker.Contexts.cs):
    /// AppDomain data holding an <c>object[]</c> whose first item is the <c>AsyncLocal&lt;string?&gt;</c>.</summary>
    private const string HubName = "FlowCover.Contexts";

    private const string EndpointMatched = "Microsoft.AspNetCore.Routing.EndpointMatched";

    /// <summary>Between the test and the route in a context's name (FlowCover.Data's ContextCollector).</summary>
    private const char RouteSeparator = '\n';

    private const string NoContext = "(none)";

    private static int s_listening;

    private RouteContexts()
    {
    }

    /// <summary>Whether this process records contexts: a measured module has made the hub (a
    /// test's or fixture's mark makes it before its first line runs).</summary>
    public static bool Recording => AppDomain.CurrentDomain.GetData(HubName) is object[];

    /// <summary>Subscribes once a process; every ASP.NET Core host made afterwards is heard.</summary>
    public static void Listen()
    {
        if (Interlocked.Exchange(ref s_listening, 1) == 0)
            DiagnosticListener.AllListeners.Subscribe(new RouteContexts());
    }

    /// <summary>The route of a matched endpoint as contexts name it: the request's method and the
    /// template from the root, <c>GET /fx/{base}/{quote}</c>.</summary>
    public static string RouteOf(string method, string template) => method + " /" + template.TrimStart('/');

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.AspNetCore")
            value.Subscribe(this, name => name == EndpointMatched);
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        // The hub first: without contexts this is all a request costs.
        if (AppDomain.CurrentDomain.GetData(HubName) is not object[] { Length: > 0 } hub || hub[0] is not AsyncLocal<string?> context)
            return;
        if (value.Key != EndpointMatched || value.Value is not HttpContext http || http.GetEndpoint() is not RouteEndpoint endpoint
            || endpoint.RoutePattern.RawText is not { } template)
            return;
        var test = context.Value ?? NoContext;
        if (test.IndexOf(RouteSeparator, StringComparison.Ordinal) is var separator and >= 0)
            test = test[..separator];
        // Set on the request's flow, before the endpoint runs: what it runs is the route's; the
        // request's end gives the context back (the tracker's listener, as the request stops).
        context.Value = test + RouteSeparator + RouteOf(http.Request.Method, template);
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}
