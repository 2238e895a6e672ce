using System.Diagnostics;
using System.Text;

namespace FlowCover.Tests.Session;

/// <summary>
/// What the processes of one session (a <c>setsid</c> process and everything it started) are
/// doing: for a test whose process did not end when signalled, so its failure says whether the
/// signal was pending, blocked or ignored where, and which process was still alive.
/// </summary>
internal static class SessionSnapshot
{
    public static string Of(int sessionId)
    {
        var text = new StringBuilder($"processes of session {sessionId}:\n");
        try
        {
            var ps = Process.Start(new ProcessStartInfo("ps", ["-s", sessionId.ToString(), "-o", "pid=,ppid=,stat=,wchan:24=,etime=,time=,args="])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            var listing = ps.StandardOutput.ReadToEnd();
            ps.WaitForExit();
            foreach (var line in listing.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                text.Append(line.Trim()).Append('\n');
                var pid = line.Trim().Split(' ')[0];
                text.Append("  ").Append(SignalState(pid)).Append('\n');
            }
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception)
        {
            text.Append("(ps could not be run: ").Append(e.Message).Append(")\n");
        }
        return text.ToString();
    }

    /// <summary>The signal masks /proc gives (pending, blocked, ignored, caught).</summary>
    private static string SignalState(string pid)
    {
        try
        {
            return string.Join(' ', File.ReadLines($"/proc/{pid}/status")
                .Where(l => l.StartsWith("SigPnd", StringComparison.Ordinal) || l.StartsWith("ShdPnd", StringComparison.Ordinal) ||
                            l.StartsWith("SigBlk", StringComparison.Ordinal) || l.StartsWith("SigIgn", StringComparison.Ordinal) ||
                            l.StartsWith("SigCgt", StringComparison.Ordinal) || l.StartsWith("Threads", StringComparison.Ordinal))
                .Select(l => l.Replace('\t', ' ')));
        }
        catch (IOException)
        {
            return "(gone)";
        }
    }
}
