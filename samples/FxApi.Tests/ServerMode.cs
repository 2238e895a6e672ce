using System.Reflection;
using FlowCover.Testing;

namespace FxApi.Tests;

/// <summary>
/// Where the FxApi under test runs: in the test process (default) or, with
/// <c>FXAPI_SERVER_MODE=process</c>, as <c>dotnet FxApi.dll</c> in a process of its own.
/// </summary>
public static class ServerMode
{
    public const string Variable = "FXAPI_SERVER_MODE";

    public static bool OutOfProcess =>
        string.Equals(Environment.GetEnvironmentVariable(Variable), "process", StringComparison.OrdinalIgnoreCase);

    public static async Task<LiveServer> StartFxApiAsync(LiveServerOptions options) =>
        OutOfProcess
            ? await LiveServer.StartProcessAsync(FxApiDll(), options)
            : await LiveServer.StartAsync<Program>(options);

    /// <summary>
    /// FxApi.dll beside the test assembly (the build copies it there, with its runtimeconfig), else
    /// the FxApi project's own output for the same configuration.
    /// </summary>
    public static string FxApiDll()
    {
        var besideTests = Path.Combine(AppContext.BaseDirectory, "FxApi.dll");
        if (File.Exists(besideTests) && File.Exists(Path.ChangeExtension(besideTests, ".runtimeconfig.json")))
            return besideTests;
        var configuration = typeof(ServerMode).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "samples", "FxApi", "bin", configuration, "net10.0", "FxApi.dll");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"FxApi.dll is neither beside the tests ({besideTests}) nor in samples/FxApi/bin/{configuration}/net10.0; build samples/FxApi first.");
    }
}
