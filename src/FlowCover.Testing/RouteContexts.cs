using FlowCover.StartupHook;

namespace FlowCover.Testing;

/// <summary>
/// Under a FlowCover run with contexts (<c>--contexts test</c>), names the route of each request
/// in the context its code runs in, <c>GET /fx/{base}/{quote}</c>, beside the test that sent it
/// (docs/contexts.md, "Across HTTP"). The work is <see cref="RouteNames"/>'s, in
/// FlowCover.StartupHook.dll, the startup hook the CLI names for every process it measures with
/// contexts: here it listens in the test process when a <see cref="LiveServer"/> starts there
/// (a no-op when the hook already listens), and <see cref="ProcessServer"/> names the same file as
/// its app's startup hook. Without a FlowCover run it finds no contexts to name and does nothing.
/// </summary>
internal static class RouteContexts
{
    /// <summary>The file <c>DOTNET_STARTUP_HOOKS</c> names, beside FlowCover.Testing.dll.</summary>
    public static string HookPath => typeof(RouteNames).Assembly.Location;

    /// <summary>Whether this process records contexts (a measured module has made the hub).</summary>
    public static bool Recording => RouteNames.Recording;

    /// <summary>Subscribes once a process; every ASP.NET Core host made afterwards is heard.</summary>
    public static void Listen() => RouteNames.Listen();
}
