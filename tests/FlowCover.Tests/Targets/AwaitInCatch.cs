using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace FlowCover.Targets.AwaitInCatch;

// An await inside a catch cannot stay in the handler: the compiler stashes the exception,
// leaves the handler with a "which catch ran" number, and runs the catch body after the try,
// rethrowing with ExceptionDispatchInfo for `throw;`. Its tests on that number and on the
// stashed object are plumbing; only the user's catch and the statements in it count.
public static class Target
{
    public static async Task RunAsync()
    {
        var log = new List<string>();                   // hit
        await Call(() => Task.FromResult(1), log);      // hit
        try
        {
            await Call(() => throw new InvalidOperationException("x"), log);   // hit
        }
        catch (InvalidOperationException)               // hit
        {
        }
        await Fallback(() => throw new TimeoutException(), log);   // hit
        await Fallback(() => Task.FromResult(2), log);  // hit
    }

    private static async Task<int> Call(Func<Task<int>> op, List<string> log)
    {
        try
        {
            return await op();                          // hit
        }
        catch (InvalidOperationException ex)            // hit
        {
            await LogAsync(log, ex.Message);            // hit
            throw;                                      // hit
        }
    }

    private static async Task<int> Fallback(Func<Task<int>> op, List<string> log)
    {
        try
        {
            return await op();                          // hit
        }
        catch (TimeoutException)                        // hit
        {
            await LogAsync(log, "timeout");             // hit
            return -1;                                  // hit
        }
    }

    private static async Task LogAsync(List<string> log, string message)
    {
        await Task.Yield();                             // hit
        log.Add(message);                               // hit
    }
}
