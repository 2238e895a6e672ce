using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace FlowCover.StartupHook;

/// <summary>
/// Contexts through TestServer, WebApplicationFactory's default server in the test process
/// (docs/contexts.md, "TestServer"). TestServer hands a request from the test's HttpClient to the
/// app in memory: no socket, so no HTTP headers and no W3C baggage, and by default it runs the
/// request in a work item queued without the test's ExecutionContext
/// (<c>TestServerOptions.PreserveExecutionContext</c> is false), so nothing of the test reached the
/// request and every line it ran was <c>(none)</c>. While the process records contexts, each host
/// built in it gets <c>PreserveExecutionContext = true</c>, as a <c>PostConfigure</c> of
/// <c>TestServerOptions</c> (read only when a TestServer is made: a host on Kestrel never reads
/// it): the request then runs in the test's ExecutionContext, so its context is the test's, ASP.NET
/// Core's request Activity is a child of the test's, and <see cref="RouteNames"/> adds the route.
///
/// Heard on the <c>HostBuilding</c> event of <c>Microsoft.Extensions.Hosting</c>, the one
/// WebApplicationFactory itself configures the app's host on, before its services are built;
/// reached by reflection like the rest of this assembly, and only where TestHost can be loaded.
/// </summary>
internal sealed class TestServerFlow : IObserver<KeyValuePair<string, object?>>
{
    public const string HostingListener = "Microsoft.Extensions.Hosting";

    private const string HostBuilding = "HostBuilding";

    private const string OptionsType = "Microsoft.AspNetCore.TestHost.TestServerOptions, Microsoft.AspNetCore.TestHost";

    private const string OptionsExtensions = "Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions, Microsoft.Extensions.Options";

    /// <summary>The events asked for: only the host being built.</summary>
    public static bool Wanted(string name) => name == HostBuilding;

    public void OnNext(KeyValuePair<string, object?> value)
    {
        try
        {
            if (value.Key != HostBuilding || value.Value is not { } builder || !RouteNames.Recording)
                return;
            var options = Type.GetType(OptionsType, false);
            var preserve = options?.GetProperty("PreserveExecutionContext");
            var postConfigure = Type.GetType(OptionsExtensions, false)?.GetMethods(BindingFlags.Public | BindingFlags.Static)
                .FirstOrDefault(m => m.Name == "PostConfigure" && m.IsGenericMethodDefinition && m.GetParameters().Length == 2);
            var configureServices = builder.GetType().GetInterfaces().FirstOrDefault(i => i.FullName == "Microsoft.Extensions.Hosting.IHostBuilder")
                ?.GetMethod("ConfigureServices");
            var parameters = configureServices?.GetParameters();
            if (options is null || preserve is null || postConfigure is null || configureServices is null || parameters is not { Length: 1 })
                return;
            var preserving = new Preserving(preserve, postConfigure.MakeGenericMethod(options));
            configureServices.Invoke(builder, [preserving.ConfigureServices(parameters[0].ParameterType)]);
        }
        catch (Exception)
        {
            // The host is built as the app asked: its TestServer's requests stay (none).
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    /// <summary>The delegates handed to the host builder, made for the process's own types:
    /// <c>ConfigureServices((context, services) => services.PostConfigure&lt;TestServerOptions&gt;(o => o.PreserveExecutionContext = true))</c>.</summary>
    private sealed class Preserving(PropertyInfo preserve, MethodInfo postConfigure)
    {
        /// <summary>An <c>Action&lt;HostBuilderContext, IServiceCollection&gt;</c>.</summary>
        public Delegate ConfigureServices(Type action) =>
            Delegate.CreateDelegate(action, this, Method(nameof(AddPostConfigure)).MakeGenericMethod(action.GetGenericArguments()));

        private void AddPostConfigure<TContext, TServices>(TContext context, TServices services)
        {
            var options = preserve.DeclaringType!;
            var set = Delegate.CreateDelegate(typeof(Action<>).MakeGenericType(options), this, Method(nameof(Set)).MakeGenericMethod(options));
            postConfigure.Invoke(null, [services, set]);
        }

        private void Set<TOptions>(TOptions options) => preserve.SetValue(options, true);

        private static MethodInfo Method(string name) => typeof(Preserving).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Instance)!;
    }
}
