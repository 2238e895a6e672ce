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
    public static string? Find(TextWriter log)
    {
        // Empty in the native CLI (IL3000), whose folder is then AppContext.BaseDirectory; on the
        // JIT it is flowcover.dll's folder, which in a test platform integration is not the host's.
#pragma warning disable IL3000
        var location = typeof(RouteHook).Assembly.Location;
#pragma warning restore IL3000
        var here = location.Length > 0 ? Path.GetDirectoryName(location)! : AppContext.BaseDirectory;
        var hook = Path.Combine(here, StartupHooks.FileName);
        if (File.Exists(hook))
            return hook;
        log.WriteLine($"flowcover: warning: {hook}: not found, so the command's servers name no routes in their contexts (the tests still are); reinstall flowcover");
        return null;
    }
}
