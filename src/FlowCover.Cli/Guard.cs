using FlowCover.Data;

namespace FlowCover.Cli;

/// <summary>Turns a <see cref="UserError"/> anywhere in a verb into one line on stderr and exit
/// code 2, the contract for every user-facing error. Program.cs runs the whole invocation in it,
/// once: a verb's error comes out of <c>Invoke</c>, whose own exception handler is off, so the
/// verbs need no wrapping of their own.</summary>
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
            Console.Error.WriteLine("flowcover: " + e.Message);
            return UserErrorExitCode;
        }
    }
}
