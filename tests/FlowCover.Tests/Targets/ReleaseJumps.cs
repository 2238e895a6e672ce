// methods: Target.Run, Target.CatchWithVariable, Target.SkipOdd, Target.Jump, Target.Dispatch, Target.NullUsing, Target.Retry
using System;

namespace FlowCover.Targets.ReleaseJumps;

// Statements Roslyn gives no sequence point in Release: each still runs, and is still a line.
public static class Target
{
    public static void Run()
    {
        CatchWithVariable(0);                           // hit
        SkipOdd(3);                                     // hit
        Jump(2);                                        // hit
        Dispatch(1);                                    // hit
        NullUsing();                                    // hit
        Retry(3);                                       // hit
    }

    private static string CatchWithVariable(int n)
    {
        try
        {
            return (10 / n).ToString();                 // hit
        }
        catch (DivideByZeroException e)                 // hit
        {
            return e.Message;                           // hit
        }
        catch (ArgumentException e)                     // miss
        {
            return e.ParamName ?? "";                   // miss br=0/2
        }
    }

    private static int SkipOdd(int limit)
    {
        var sum = 0;                                    // hit
        for (var i = 0; i < limit; i++)                 // hit br=2/2
        {
            if (i % 2 == 1)                             // hit br=2/2
                continue;                               // hit
            if (i > 100)                                // hit br=1/2
                continue;                               // miss
            sum += i;                                   // hit
        }
        return sum;                                     // hit
    }

    private static int Jump(int n)
    {
        if (n > 1)                                      // hit br=1/2
            goto found;                                 // hit
        n = -n;                                         // miss
    found:
        return n;                                       // hit
    }

    private static int Dispatch(int n)
    {
        switch (n)                                      // hit br=1/3
        {
            case 1:
                n += 10;                                // hit
                goto case 2;                            // hit
            case 2:
                n *= 2;                                 // hit
                break;                                  // hit
            default:
                n = -1;                                 // miss
                break;                                  // miss
        }
        return n;                                       // hit
    }

    private static void NullUsing()
    {
        using IDisposable? nothing = null;              // hit
        Console.Write("");                              // hit
    }

    private static int Retry(int attempts)
    {
        var tries = 0;                                  // hit
        while (true)                                    // hit
        {
            tries++;                                    // hit
            if (tries < attempts)                       // hit br=2/2
                continue;                               // hit
            break;                                      // hit
        }
        return tries;                                   // hit
    }
}
