using System.Runtime.InteropServices;

namespace FlowCover.Testing;

/// <summary>
/// SIGTERM, which <see cref="System.Diagnostics.Process.Kill()"/> cannot send (it sends SIGKILL):
/// an ASP.NET Core host stops gracefully on SIGTERM, running its shutdown code and flushing logs.
/// </summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    /// <returns>False when the signal could not be sent, e.g. the process is already gone.</returns>
    public static bool Terminate(int processId) => Kill(processId, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int processId, int signal);
}
