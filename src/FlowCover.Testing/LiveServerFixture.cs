namespace FlowCover.Testing;

/// <summary>
/// A live server as an xUnit class or collection fixture. Derive, add xUnit's <c>IAsyncLifetime</c>
/// (its <c>Task InitializeAsync()</c> and <c>Task DisposeAsync()</c> are implemented here), and
/// override <see cref="Configure"/>:
/// <code>
/// public sealed class ApiServer : LiveServerFixture&lt;Program&gt;, IAsyncLifetime
/// {
///     protected override void Configure(LiveServerOptions options) => options.Set("Db:Path", TempDb.Path);
/// }
/// public sealed class OrderTests(ApiServer api) : IClassFixture&lt;ApiServer&gt; { ... api.Client ... }
/// </code>
/// This library does not depend on xUnit: the methods match <c>IAsyncLifetime</c> by shape.
/// </summary>
/// <typeparam name="TEntryPoint">Any type in the app's assembly, usually <c>Program</c>.</typeparam>
public abstract class LiveServerFixture<TEntryPoint> : IAsyncDisposable where TEntryPoint : class
{
    private LiveServer? _server;

    /// <summary>The running server.</summary>
    /// <exception cref="InvalidOperationException"><see cref="InitializeAsync"/> has not run.</exception>
    public LiveServer Server => _server ?? throw new InvalidOperationException(
        $"{GetType().Name} is not started: declare IAsyncLifetime on it so xUnit calls InitializeAsync, or call it yourself.");

    /// <summary>The server's client.</summary>
    public HttpClient Client => Server.Client;

    /// <summary>Chooses settings, port, environment and so on before the start.</summary>
    protected virtual void Configure(LiveServerOptions options)
    {
    }

    /// <summary>Starts the server (in the test process).</summary>
    public async Task InitializeAsync()
    {
        var options = new LiveServerOptions();
        Configure(options);
        _server = await LiveServer.StartAsync<TEntryPoint>(options);
    }

    /// <summary>Stops the server.</summary>
    public async Task DisposeAsync()
    {
        if (Interlocked.Exchange(ref _server, null) is { } server)
            await server.DisposeAsync();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}
