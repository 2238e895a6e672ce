using Microsoft.AspNetCore.Hosting;

namespace FlowCover.Testing;

/// <summary>How a <see cref="LiveServer"/> is started. Every member has a default that suits tests.</summary>
public sealed class LiveServerOptions
{
    /// <summary>
    /// Configuration the app sees, e.g. <c>["ConnectionStrings:Db"] = path</c>. In process they are
    /// host settings (<c>IWebHostBuilder.UseSetting</c>), out of
    /// process <c>--key=value</c> arguments; either way they override appsettings.json.
    /// </summary>
    /// <remarks>
    /// In process, WebApplicationFactory applies them when the host is built, so code in Program.cs
    /// that reads <c>builder.Configuration</c> before <c>Build()</c> does not see them; read
    /// configuration through options or services instead.
    /// </remarks>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Environment variables of the child process (out of process only).</summary>
    public IDictionary<string, string?> EnvironmentVariables { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>Further configuration of the web host (in process only).</summary>
    public Action<IWebHostBuilder>? ConfigureWebHost { get; set; }

    /// <summary>The hosting environment; null keeps the default (Development in process, the app's own out of process).</summary>
    public string? EnvironmentName { get; set; }

    /// <summary>The port on 127.0.0.1; 0 (the default) lets the OS pick a free one.</summary>
    public int Port { get; set; }

    /// <summary>The path probed until the server answers; any HTTP status counts as an answer.</summary>
    public string ReadinessPath { get; set; } = "/";

    /// <summary>How long the app may take to start and answer.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a child process may take to exit after SIGTERM before it is killed.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Adds one configuration value; returns this object so calls can be chained.</summary>
    public LiveServerOptions Set(string key, string? value)
    {
        Settings[key] = value;
        return this;
    }
}
