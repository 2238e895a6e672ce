using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using FlowCover.Data;

namespace FlowCover.Cli.Session;

/// <summary>
/// Runs the measured command with the console it was given and the session's data folder in its
/// environment (inherited by every process it starts). SIGINT and SIGTERM sent to flowcover are
/// passed on to the command, and flowcover waits for it, so restoring always happens after the
/// command is gone.
/// </summary>
internal static partial class ChildProcess
{
    public const string DataDirectoryVariable = "FLOWCOVER_DATA_DIR";

    public static int Run(IReadOnlyList<string> command, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false };
        foreach (var argument in command.Skip(1))
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new UserError($"{command[0]}: could not be started.");
        }
        catch (Win32Exception e)
        {
            throw new UserError($"{command[0]}: cannot run it ({e.Message}); check the command after '--'.");
        }
        using (process)
        using (Forward(PosixSignal.SIGTERM, process))
        using (Forward(PosixSignal.SIGINT, process))
        {
            process.WaitForExit();
            return process.ExitCode;
        }
    }

    private static PosixSignalRegistration Forward(PosixSignal signal, Process process) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true; // Stay alive to restore once the command has stopped.
            if (!process.HasExited && signal == PosixSignal.SIGTERM)
                _ = Kill(process.Id, 15);
            // SIGINT from a terminal already reached the command through its process group.
        });

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
