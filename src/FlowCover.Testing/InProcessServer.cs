using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlowCover.Testing;

/// <summary>
/// The app runs inside the test process: WebApplicationFactory finds and runs its entry point, and
/// <see cref="WebApplicationFactory{TEntryPoint}.UseKestrel(Action{Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions})"/>
/// puts it on a real socket instead of TestServer. The port is chosen through Kestrel's own
/// <c>Listen(127.0.0.1, 0)</c>, not <c>UseKestrel(int)</c>, whose address rewrite races the
/// app's own start.
/// </summary>
internal sealed class InProcessServer<TEntryPoint> : LiveServer where TEntryPoint : class
{
    private readonly Factory _factory;

    private InProcessServer(string appName, Uri baseAddress, Factory factory) : base(appName, baseAddress) => _factory = factory;

    public override IServiceProvider Services => _factory.Services;

    public static async Task<LiveServer> StartAsync(LiveServerOptions options, CancellationToken cancellationToken)
    {
        var appName = typeof(TEntryPoint).Assembly.GetName().Name ?? typeof(TEntryPoint).Name;
        var where = $"in process on Kestrel at 127.0.0.1:{options.Port}";
        ContentRoots.MakeFindable(typeof(TEntryPoint).Assembly);
        RouteContexts.Listen();
        var factory = new Factory(options);
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        Uri address;
        try
        {
            // StartServer blocks until the host has started (or the app has thrown); keep it off the caller's thread.
            await Task.Run(factory.StartServer, cancellationToken).WaitAsync(options.StartTimeout, cancellationToken);
            address = ListeningAddress(factory.Services)
                ?? throw new InvalidOperationException("the server started but reports no address it listens on");
        }
        catch (Exception e)
        {
            await DisposeQuietlyAsync(factory);
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
                throw;
            if (e is TimeoutException)
                throw new LiveServerStartException($"{appName} did not start {where} within {options.StartTimeout.TotalSeconds:0.#} s.", e);
            throw LiveServerStartException.From(appName, where, e);
        }

        var server = new InProcessServer<TEntryPoint>(appName, address, factory);
        try
        {
            await ServerReadiness.WaitAsync(server.Client, options.ReadinessPath, options.StartTimeout, () => null, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private protected override async ValueTask StopAsync() => await _factory.DisposeAsync();

    private static Uri? ListeningAddress(IServiceProvider services)
    {
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses?.FirstOrDefault();
        return address is null ? null : new Uri(address.EndsWith('/') ? address : address + "/");
    }

    private static async Task DisposeQuietlyAsync(Factory factory)
    {
        try
        {
            await factory.DisposeAsync();
        }
        catch (Exception)
        {
            // The start already failed; that error is the one worth reporting.
        }
    }

    /// <summary>Applies the options to the web host before the app's own configuration is built.</summary>
    private sealed class Factory(LiveServerOptions options) : WebApplicationFactory<TEntryPoint>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            if (options.EnvironmentName is { } environment)
                builder.UseEnvironment(environment);
            foreach (var (key, value) in options.Settings)
                builder.UseSetting(key, value);
            options.ConfigureWebHost?.Invoke(builder);
        }
    }
}
