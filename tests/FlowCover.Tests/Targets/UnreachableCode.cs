// methods: Target.Run, Target.AfterReturn, Target.AfterThrow, Target.AfterJump
using System;

namespace FlowCover.Targets.UnreachableCode;

// Statements no path reaches are dead code the user wrote: lines, always missed (coverage.py
// counts them the same way), in Debug and Release alike though the compiler emits none of them.
public static class Target
{
    public static void Run()
    {
        AfterReturn(1);                                 // hit
        try
        {
            AfterThrow();                               // hit
        }
        catch (InvalidOperationException)               // hit
        {
        }
        AfterJump(2);                                   // hit
    }

#pragma warning disable CS0162 // Unreachable code: the point of this target.
    private static int AfterReturn(int n)
    {
        return n + 1;                                   // hit
        Console.WriteLine("never");                     // miss
        n++;                                            // miss
        return n;                                       // miss
    }

    private static void AfterThrow()
    {
        throw new InvalidOperationException("x");       // hit
        Console.WriteLine("never");                     // miss
    }

    private static int AfterJump(int n)
    {
        for (var i = 0; i < n; i++)                     // hit br=2/2
        {
            if (i == 0)                                 // hit br=2/2
            {
                continue;                               // hit
                n--;                                    // miss
            }
            n++;                                        // hit
        }
        goto done;                                      // hit
        n = 0;                                          // miss
    done:
        return n;                                       // hit
    }
#pragma warning restore CS0162
}
