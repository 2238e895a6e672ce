using FlowCover.Data;

namespace FlowCover.Cli;

/// <summary>Turns a <see cref="UserError"/> anywhere in a verb into one line on stderr and exit
/// code 2, the contract for every user-facing error. What no check foresaw gets one line too:
/// the system refusing a read or write (a disk filled up mid-run, a folder made read-only) says
/// what the system said; anything else is FlowCover's own bug and says so.</summary>
internal static class Guard
{
    public const int UserErrorExitCode = 2;

    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (UserError e)
        {
            Console.Error.WriteLine("flowcover: " + OneLine(e.Message));
            return UserErrorExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("flowcover: " + OneLine(e.Message) + "; fix that (free space, make the folder writable) and run again.");
            return UserErrorExitCode;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine("flowcover: internal error, a FlowCover bug: " + OneLine(e.Message)
                + "; please report it with the command that caused it (set FLOWCOVER_TRACE=1 for the details).");
            if (Environment.GetEnvironmentVariable("FLOWCOVER_TRACE") == "1")
                Console.Error.WriteLine(e);
            return UserErrorExitCode;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
