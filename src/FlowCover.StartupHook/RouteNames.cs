using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;

namespace FlowCover.StartupHook;

/// <summary>
/// Under a FlowCover run with contexts (<c>--contexts test</c>), names the route of each request
/// in the context its code runs in, <c>GET /fx/{base}/{quote}</c>, beside the test that sent it
/// (docs/contexts.md, "Across HTTP"). The measured modules' trackers take the test from the
/// request's W3C baggage as ASP.NET Core's request Activity starts; the route is known only once
/// routing has matched an endpoint, which ASP.NET Core tells a <c>DiagnosticListener</c>
/// subscriber (<c>Microsoft.AspNetCore.Routing.EndpointMatched</c>), on the request's own flow,
/// before the endpoint runs.
///
/// It also asks for the request Activity (<c>Microsoft.AspNetCore.Hosting.HttpRequestIn</c>)
/// while the process records contexts: ASP.NET Core makes that Activity only when logging or a
/// diagnostic subscriber wants it, and an app with every logging provider removed would
/// otherwise give its trackers no request to take the test from.
///
/// Everything is reached by reflection and by name: this assembly loads into every process of a
/// measured command (a console app, a test host, an app on another .NET version), so it
/// references nothing but netstandard2.0; DiagnosticSource's types are found in the process, and
/// ASP.NET Core's only ever read off the objects it hands over. In a process that records no
/// contexts (no measured module made the hub) a request costs one look at AppDomain data.
/// </summary>
public sealed class RouteNames : IObserver<KeyValuePair<string, object?>>
{
    /// <summary>Where the trackers publish the current context (ModuleTracker.Contexts.cs):
    /// AppDomain data holding an <c>object[]</c> whose first item is the <c>AsyncLocal&lt;string?&gt;</c>.</summary>
    private const string HubName = "FlowCover.Contexts";

    /// <summary>AppDomain data set once a process listens, by whichever copy of this assembly
    /// came first (the CLI's, as the startup hook, or FlowCover.Testing's).</summary>
    private const string ListeningName = "FlowCover.RouteNames";

    private const string AspNetCore = "Microsoft.AspNetCore";
    private const string EndpointMatched = "Microsoft.AspNetCore.Routing.EndpointMatched";
    private const string RequestActivity = "Microsoft.AspNetCore.Hosting.HttpRequestIn";

    /// <summary>Between the test and the route in a context's name (FlowCover.Data's ContextCollector).</summary>
    private const char RouteSeparator = '\n';

    private const string NoContext = "(none)";

    private static readonly object s_lock = new();

    private readonly PropertyInfo _listenerName;
    private readonly MethodInfo _subscribe;
    private readonly Predicate<string> _wanted;

    // ASP.NET Core's members, found on the first request's objects.
    private MethodInfo? _getEndpoint;
    private PropertyInfo? _routePattern;
    private PropertyInfo? _rawText;
    private PropertyInfo? _request;
    private PropertyInfo? _method;

    private RouteNames(PropertyInfo listenerName, MethodInfo subscribe)
    {
        _listenerName = listenerName;
        _subscribe = subscribe;
        _wanted = Wanted;
    }

    /// <summary>Whether this process records contexts: a measured module has made the hub (a
    /// test's or fixture's mark makes it before its first line runs; a measured app's
    /// <c>Main</c> too).</summary>
    public static bool Recording => CurrentContext() is not null;

    /// <summary>Subscribes once a process; every ASP.NET Core host made afterwards is heard.
    /// Returns false where the process has no DiagnosticSource to listen to.</summary>
    public static bool Listen()
    {
        lock (s_lock)
        {
            var domain = AppDomain.CurrentDomain;
            if (domain.GetData(ListeningName) is not null)
                return true;
            var listenerType = Type.GetType("System.Diagnostics.DiagnosticListener, System.Diagnostics.DiagnosticSource", false);
            var all = listenerType?.GetProperty("AllListeners", BindingFlags.Public | BindingFlags.Static);
            var name = listenerType?.GetProperty("Name");
            var subscribe = listenerType?.GetMethod("Subscribe", [typeof(IObserver<KeyValuePair<string, object?>>), typeof(Predicate<string>)]);
            if (listenerType is null || all is null || name is null || subscribe is null)
                return false;
            var names = new RouteNames(name, subscribe);
            // AllListeners is an IObservable<DiagnosticListener>: its observer is made for the
            // process's own DiagnosticListener type.
            var observer = Activator.CreateInstance(typeof(Listeners<>).MakeGenericType(listenerType), names);
            typeof(IObservable<>).MakeGenericType(listenerType).GetMethod("Subscribe")!.Invoke(all.GetValue(null), [observer]);
            domain.SetData(ListeningName, names);
            return true;
        }
    }

    /// <summary>The route of a matched endpoint as contexts name it: the request's method and the
    /// template from the root, <c>GET /fx/{base}/{quote}</c>.</summary>
    public static string RouteOf(string method, string template) => method + " /" + template.TrimStart('/');

    private void OnListener(object listener)
    {
        var name = _listenerName.GetValue(listener) as string;
        if (name == AspNetCore)
            _subscribe.Invoke(listener, [this, _wanted]);
        else if (name == TestServerFlow.HostingListener)
            _subscribe.Invoke(listener, [new TestServerFlow(), new Predicate<string>(TestServerFlow.Wanted)]);
    }

    /// <summary>The events asked for: the matched endpoint, and the request Activity while the
    /// process records contexts (asked again for every request).</summary>
    private bool Wanted(string name) => name == EndpointMatched || (name == RequestActivity && Recording);

    public void OnNext(KeyValuePair<string, object?> value)
    {
        try
        {
            // The hub first: without contexts this is all a request costs.
            if (CurrentContext() is not { } context || value.Key != EndpointMatched || value.Value is not { } http
                || RouteOf(http) is not { } route)
                return;
            var test = context.Value ?? NoContext;
            if (test.IndexOf(RouteSeparator) is var separator and >= 0)
                test = test.Substring(0, separator);
            // Set on the request's flow, before the endpoint runs: what it runs is the route's; the
            // request's end gives the context back (the tracker's listener, as the request stops).
            context.Value = test + RouteSeparator + route;
        }
        catch (Exception)
        {
            // The request runs on with the test and no route: never the server's problem.
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    private static AsyncLocal<string?>? CurrentContext() =>
        AppDomain.CurrentDomain.GetData(HubName) is object[] { Length: > 0 } hub ? hub[0] as AsyncLocal<string?> : null;

    /// <summary>The route of the endpoint matched for an <c>HttpContext</c>, null where it has
    /// none with a template (a plain <c>Endpoint</c>, such as a fallback made by hand).</summary>
    private string? RouteOf(object http)
    {
        var getEndpoint = _getEndpoint ??= EndpointReader(http.GetType());
        if (getEndpoint?.Invoke(null, [http]) is not { } endpoint
            || Read(ref _routePattern, endpoint, "RoutePattern") is not { } pattern
            || Read(ref _rawText, pattern, "RawText") is not string template
            || Read(ref _request, http, "Request") is not { } request
            || Read(ref _method, request, "Method") is not string method)
            return null;
        return RouteOf(method, template);
    }

    /// <summary><c>EndpointHttpContextExtensions.GetEndpoint(HttpContext)</c>, in the assembly of
    /// the abstract <c>HttpContext</c> the payload derives from.</summary>
    private static MethodInfo? EndpointReader(Type? type)
    {
        while (type is not null && type.FullName != "Microsoft.AspNetCore.Http.HttpContext")
            type = type.BaseType;
        return type?.Assembly.GetType("Microsoft.AspNetCore.Http.EndpointHttpContextExtensions")?.GetMethod("GetEndpoint", [type]);
    }

    /// <summary>A public property's value, its <see cref="PropertyInfo"/> kept while the objects
    /// read are of the type it was found on.</summary>
    private static object? Read(ref PropertyInfo? property, object target, string name)
    {
        var type = target.GetType();
        if (property is null || !property.DeclaringType!.IsAssignableFrom(type))
            property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
        return property?.GetValue(target);
    }

    /// <summary>The observer of <c>DiagnosticListener.AllListeners</c>, made by reflection for the
    /// process's <c>DiagnosticListener</c> type.</summary>
    private sealed class Listeners<T>(RouteNames names) : IObserver<T>
    {
        public void OnNext(T value)
        {
            try
            {
                if (value is not null)
                    names.OnListener(value);
            }
            catch (Exception)
            {
                // That host's requests keep their tests, without routes.
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
