using Microsoft.AspNetCore.Hosting;

namespace FlowCover.Testing;

/// <summary>
/// An ASP.NET Core app listening on a real Kestrel port on 127.0.0.1, started for a test and
/// stopped by <see cref="DisposeAsync"/>:
/// <code>
/// await using var server = await LiveServer.StartAsync&lt;Program&gt;(web => web.UseSetting("Db:Path", path));
/// var response = await server.Client.GetAsync("/health");
/// </code>
/// <see cref="StartAsync{TEntryPoint}(LiveServerOptions, CancellationToken)"/> runs the app inside the
/// test process (through WebApplicationFactory, but on Kestrel, never TestServer);
/// <see cref="StartProcessAsync(string, LiveServerOptions, CancellationToken)"/> runs it as
/// <c>dotnet app.dll</c> and stops it with SIGTERM. Both return once the server answers HTTP.
/// </summary>
public abstract class LiveServer : IAsyncDisposable
{
    private readonly List<HttpClient> _clients = [];
    private int _disposed;

    private protected LiveServer(string appName, Uri baseAddress)
    {
        AppName = appName;
        BaseAddress = baseAddress;
        Client = CreateClient();
    }

    /// <summary>The app's assembly name, used in messages.</summary>
    public string AppName { get; }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client whose <see cref="HttpClient.BaseAddress"/> is the server; disposed with it.</summary>
    public HttpClient Client { get; }

    /// <summary>The app's services when it runs in the test process; null out of process.</summary>
    public virtual IServiceProvider? Services => null;

    /// <summary>Another client pointed at the server (own handler, own connections); disposed with the server.</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { BaseAddress = BaseAddress };
        lock (_clients)
            _clients.Add(client);
        return client;
    }

    /// <summary>Starts <typeparamref name="TEntryPoint"/>'s app in the test process on a free Kestrel port.</summary>
    /// <param name="configure">Configures the web host, e.g. <c>web => web.UseSetting("Db:Path", path)</c>.</param>
    /// <param name="cancellationToken">Abandons the start.</param>
    /// <typeparam name="TEntryPoint">Any type in the app's assembly, usually <c>Program</c>.</typeparam>
    public static Task<LiveServer> StartAsync<TEntryPoint>(Action<IWebHostBuilder>? configure = null, CancellationToken cancellationToken = default)
        where TEntryPoint : class =>
        StartAsync<TEntryPoint>(new LiveServerOptions { ConfigureWebHost = configure }, cancellationToken);

    /// <summary>Starts <typeparamref name="TEntryPoint"/>'s app in the test process on Kestrel, as <paramref name="options"/> say.</summary>
    /// <exception cref="LiveServerStartException">The app threw while starting, could not bind, or did not answer in time.</exception>
    public static Task<LiveServer> StartAsync<TEntryPoint>(LiveServerOptions options, CancellationToken cancellationToken = default)
        where TEntryPoint : class =>
        InProcessServer<TEntryPoint>.StartAsync(options, cancellationToken);

    /// <summary>Runs <c>dotnet <paramref name="appDllPath"/></c> on a free port with <paramref name="settings"/> as configuration.</summary>
    /// <exception cref="LiveServerStartException">The process exited, never logged its address, or did not answer in time.</exception>
    public static Task<ProcessServer> StartProcessAsync(string appDllPath, IEnumerable<KeyValuePair<string, string?>>? settings = null, CancellationToken cancellationToken = default)
    {
        var options = new LiveServerOptions();
        foreach (var (key, value) in settings ?? [])
            options.Settings[key] = value;
        return StartProcessAsync(appDllPath, options, cancellationToken);
    }

    /// <summary>Runs <c>dotnet <paramref name="appDllPath"/></c> as <paramref name="options"/> say.</summary>
    /// <exception cref="LiveServerStartException">The process exited, never logged its address, or did not answer in time.</exception>
    public static Task<ProcessServer> StartProcessAsync(string appDllPath, LiveServerOptions options, CancellationToken cancellationToken = default) =>
        ProcessServer.StartAsync(appDllPath, options, cancellationToken);

    /// <summary>Stops the server gracefully and disposes every client handed out. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        lock (_clients)
        {
            foreach (var client in _clients)
                client.Dispose();
        }
        await StopAsync();
    }

    /// <summary>Stops the app and waits until it has stopped.</summary>
    private protected abstract ValueTask StopAsync();

    /// <inheritdoc/>
    public override string ToString() => $"{AppName} at {BaseAddress}";
}
