using System.Globalization;

namespace FlowCover.Tests.Session;

/// <summary>
/// The signals this test process was started with ignored. A background job of a
/// non-interactive shell (<c>dotnet test ... &amp;</c>) starts with SIGINT and SIGQUIT ignored;
/// every process it starts inherits that, flowcover included, which then rightly keeps ignoring
/// them: a test that stops flowcover with one of them would wait minutes and fail without saying
/// why. Such a test checks first and says so in one line.
/// </summary>
internal static class IgnoredSignals
{
    public static bool Ignored(int signal)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << (signal - 1))) != 0;
    }

    public static string Why(int signal) =>
        $"the test process was started with signal {signal} ignored (SigIgn in /proc/self/status), as a shell's background job is: "
        + "flowcover inherits that and does not stop on it; run the tests in the foreground or under `timeout`";
}
