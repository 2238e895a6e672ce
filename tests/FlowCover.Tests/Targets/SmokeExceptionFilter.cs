// methods: Target.RunAsync, Target.Guard, Target.GuardAsync
using System;
using System.Threading.Tasks;

namespace FlowCover.Targets.SmokeExceptionFilter;

public static class Target
{
    public static async Task RunAsync()
    {
        Guard(1);                                       // hit
        Guard(2);                                       // hit
        await GuardAsync(true);                         // hit
    }

    private static int Guard(int code)
    {
        try
        {
            throw new InvalidOperationException(code.ToString());  // hit
        }
        catch (InvalidOperationException e) when (e.Message == "1")  // hit br=2/2
        {
            return 1;                                   // hit
        }
        catch (Exception)                               // hit
        {
            return 2;                                   // hit
        }
    }

    private static async Task<int> GuardAsync(bool fail)
    {
        try
        {
            await Task.Yield();                         // hit
            if (fail)                                   // hit br=1/2
                throw new TimeoutException();           // hit
            return 0;                                   // miss
        }
        catch (ArgumentException e) when (e.ParamName == "x")  // miss br=0/2
        {
            return 1;                                   // miss
        }
        catch (TimeoutException)                        // hit
        {
            return 2;                                   // hit
        }
    }
}
