using System;
using FlowCover.StartupHook;

/// <summary>
/// .NET's startup hook (<c>DOTNET_STARTUP_HOOKS</c>), which <c>flowcover run</c> and
/// <c>flowcover test</c> with contexts name for the command they measure, and
/// FlowCover.Testing's <c>ProcessServer</c> for the app it starts: every .NET process under them
/// that serves ASP.NET Core names each request's route in its context (<see cref="RouteNames"/>).
/// .NET calls it before the process's <c>Main</c>; it must be this class, in no namespace.
/// </summary>
#pragma warning disable CA1050 // .NET finds a startup hook only in the global namespace.
internal static class StartupHook
#pragma warning restore CA1050
{
    public static void Initialize()
    {
        try
        {
            RouteNames.Listen();
        }
        catch (Exception)
        {
            // A startup hook that throws ends the process before its Main: the process runs on
            // without routes in its contexts instead.
        }
    }
}
