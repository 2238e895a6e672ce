using FlowCover.Testing;

/// <summary>
/// .NET's startup hook (<c>DOTNET_STARTUP_HOOKS</c>), which <see cref="ProcessServer"/> names for
/// the app it starts: under a FlowCover run with contexts, the app's requests are attributed to
/// their routes as in the test process (<see cref="RouteContexts"/>). .NET calls it before the
/// app's <c>Main</c>; it must be this class, in no namespace.
/// </summary>
#pragma warning disable CA1050 // .NET finds a startup hook only in the global namespace.
internal static class StartupHook
#pragma warning restore CA1050
{
    public static void Initialize() => RouteContexts.Listen();
}
