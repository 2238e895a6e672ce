using FlowCover.Data;

namespace FlowCover.Cli;

/// <summary>Turns a <see cref="UserError"/> anywhere in a verb into one line on stderr and exit
/// code 2, the contract for every user-facing error. Program.cs runs the whole invocation in it,
/// once: a verb's error comes out of <c>Invoke</c>, whose own exception handler is off, so the
/// verbs need no wrapping of their own. What no check foresaw gets one line too: the system
/// refusing a read or write (a disk filled up mid-run, a folder made read-only) says what the
/// system said; anything else is FlowCover's own bug and says so.</summary>
internal static class Guard
{
    public const int UserErrorExitCode = 2;

    public static int Run(Func<int> action) => Run(action, Console.Error);

    /// <summary><see cref="Run(Func{int})"/> saying the line on <paramref name="error"/>: a test
    /// platform extension's log instead of the console.</summary>
    public static int Run(Func<int> action, TextWriter error)
    {
        try
        {
            return action();
        }
        catch (UserError e)
        {
            return Report(error, e, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Report(error, e, e.Message + "; fix that (free space, make the folder writable) and run again.");
        }
        catch (Exception e)
        {
            return Report(error, e, "internal error, a FlowCover bug: " + e.Message
                + "; please report it with the command that caused it (FLOWCOVER_TRACE=1 shows the details).");
        }
    }

    /// <summary>Prints the one line; with FLOWCOVER_TRACE=1, what was thrown follows it, for
    /// reporting a bug.</summary>
    private static int Report(TextWriter error, Exception e, string message)
    {
        error.WriteLine("flowcover: " + OneLine(message));
        if (Environment.GetEnvironmentVariable("FLOWCOVER_TRACE") == "1")
            error.WriteLine(e);
        return UserErrorExitCode;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
