using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.InteropServices;

namespace FlowCover.Cli.Integration;

/// <summary>
/// SQLite's native library for the context database, where a dotnet test integration runs:
/// in VSTest's datacollector process or a test application, whose own deps.json knows nothing of
/// it. The packages carry it under <c>runtimes/{rid}/native/</c> beside FlowCover's assemblies
/// (FlowCover.Collector, FlowCover.TestPlatform) or, in FlowCover.MSBuild, which holds both
/// integrations in folders of their own, once in the folder above them; SQLitePCL's import of
/// <c>e_sqlite3</c> is pointed at the first found, and falls back to the host's own probing where
/// neither is (a host that lists the library itself, as the CLI does).
/// </summary>
internal static class BundledSqlite
{
    /// <summary>Registered once per process: the runtime takes one resolver per assembly.</summary>
    private static readonly Lazy<bool> Registered = new(() =>
    {
        NativeLibrary.SetDllImportResolver(typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly, Resolve);
        return true;
    });

    public static void Register() => _ = Registered.Value;

    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "The integrations run on the JIT from their package's folder; the native CLI never registers.")]
    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var here = Path.GetDirectoryName(typeof(BundledSqlite).Assembly.Location);
        if (name != "e_sqlite3" || string.IsNullOrEmpty(here))
            return IntPtr.Zero;
        var file = OperatingSystem.IsWindows() ? "e_sqlite3.dll" : OperatingSystem.IsMacOS() ? "libe_sqlite3.dylib" : "libe_sqlite3.so";
        foreach (var folder in new[] { here, Path.GetDirectoryName(here) })
        {
            var path = folder is null ? null : Path.Combine(folder, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", file);
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle))
                return handle;
        }
        return IntPtr.Zero;
    }
}
