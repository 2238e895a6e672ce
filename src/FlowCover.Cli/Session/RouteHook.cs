using System.Diagnostics.CodeAnalysis;
using FlowCover.StartupHook;

namespace FlowCover.Cli.Session;

/// <summary>
/// FlowCover.StartupHook.dll, the .NET startup hook a run with contexts names for its command
/// (<c>DOTNET_STARTUP_HOOKS</c>, after any the user names), so that every .NET process under it
/// that serves ASP.NET Core names each request's route in its context, however it was started
/// (docs/contexts.md, "Across HTTP"). It ships beside the CLI: beside flowcover.dll (the CLI on
/// the JIT, and the test platform integrations that carry it), else beside the native
/// executable.
/// </summary>
internal static class RouteHook
{
    /// <summary>The hook's full path, or null, said in one line, when it is not installed
    /// beside the CLI: the run goes on, its requests attributed to their tests without routes.</summary>
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "Empty in the native CLI, whose folder is then AppContext.BaseDirectory.")]
    public static string? Find(TextWriter log)
    {
        // On the JIT, flowcover.dll's folder, which in a test platform integration is not the host's.
        var location = typeof(RouteHook).Assembly.Location;
        var here = location.Length > 0 ? Path.GetDirectoryName(location)! : AppContext.BaseDirectory;
        var hook = Path.Combine(here, StartupHooks.FileName);
        if (File.Exists(hook))
            return hook;
        log.WriteLine($"flowcover: warning: {hook}: not found, so servers under the command record their requests' tests without routes; reinstall flowcover");
        return null;
    }
}
