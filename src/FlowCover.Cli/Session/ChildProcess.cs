using System.ComponentModel;
using System.Diagnostics;
using FlowCover.Data;

namespace FlowCover.Cli.Session;

/// <summary>
/// Runs the measured command with the console it was given and the session's data folder in its
/// environment (inherited by every process it starts). Signals sent to flowcover meanwhile are
/// passed on to it (<see cref="Interruptions"/>) and flowcover waits for it, so restoring always
/// happens after the command is gone.
/// </summary>
internal static class ChildProcess
{
    public const string DataDirectoryVariable = "FLOWCOVER_DATA_DIR";

    /// <param name="started">Told the command's pid as soon as it runs (the session records it).</param>
    public static int Run(IReadOnlyList<string> command, IDictionary<string, string> environment, Interruptions interruptions, Action<int> started)
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
        {
            interruptions.Attach(process.Id);
            try
            {
                try
                {
                    started(process.Id);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Not recorded: the session stays alive through flowcover itself, which waits.
                }
                process.WaitForExit();
                return process.ExitCode;
            }
            finally
            {
                interruptions.Detach();
            }
        }
    }
}
