using System.Globalization;
using System.Runtime.InteropServices;

namespace FlowCover.Cli.Session;

/// <summary>
/// A process as a session records it: its pid and its start time (field 22 of
/// <c>/proc/PID/stat</c>, clock ticks since boot), so a pid the kernel has since given to
/// another process is never taken for the one that ran. Where there is no /proc the start
/// time is 0 and only the pid is checked.
/// </summary>
internal sealed partial record ProcessIdentity(int Pid, long StartTime)
{
    public static ProcessIdentity Current { get; } = Of(Environment.ProcessId) ?? new ProcessIdentity(Environment.ProcessId, 0);

    /// <summary>The process with this pid now, or null when there is none.</summary>
    public static ProcessIdentity? Of(int pid)
    {
        var stat = Stat(pid);
        if (stat is null)
            return NoProc() && Kill(pid, 0) == 0 ? new ProcessIdentity(pid, 0) : null;
        return stat.Value.State is 'Z' or 'X' ? null : new ProcessIdentity(pid, stat.Value.StartTime);
    }

    /// <summary>Whether this very process still runs (a zombie does not).</summary>
    public bool IsAlive() => Pid > 0 && Of(Pid) is { } now && now.StartTime == StartTime;

    private static bool NoProc() => !Directory.Exists("/proc/self");

    /// <summary>The state (field 3) and start time (field 22) of /proc/PID/stat. The name in
    /// field 2 may hold spaces and parentheses, so fields are counted after its last ')'.</summary>
    private static (char State, long StartTime)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var fields = text[(text.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state); field 22 is fields[19].
        return fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            ? (fields[0][0], start)
            : null;
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
