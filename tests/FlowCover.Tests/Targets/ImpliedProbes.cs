// methods: Target.Run, Target.Straight, Target.Join, Target.AfterThrowingRead, Target.AfterDivision, Target.Loop
using System;

namespace FlowCover.Targets.ImpliedProbes;

// In set mode a statement reached only straight from other probes, through code that cannot
// throw, has no probe of its own. These lines must still be exact, most of all where the code
// before them does throw.
public static class Target
{
    public static void Run()
    {
        Straight(2);                                    // hit
        Join(true);                                     // hit
        try
        {
            AfterThrowingRead(new int[1], 5);           // hit
        }
        catch (IndexOutOfRangeException)                // hit
        {
        }
        try
        {
            AfterDivision(7, 0);                        // hit
        }
        catch (DivideByZeroException)                   // hit
        {
        }
        Loop(3);                                        // hit
    }

    private static int Straight(int x)
    {
        var a = x + 1;                                  // hit
        var b = a * 2;                                  // hit
        var c = b / 4;                                  // hit
        return a + b + c;                               // hit
    }

    private static int Join(bool flag)
    {
        var total = 0;                                  // hit
        if (flag)                                       // hit br=1/2
            total++;                                    // hit
        else
            total--;                                    // miss
        total <<= 1;                                    // hit
        return total;                                   // hit
    }

    private static int AfterThrowingRead(int[] items, int index)
    {
        var sum = 1;                                    // hit
        sum += items[index];                            // hit
        sum++;                                          // miss
        return sum;                                     // miss
    }

    private static int AfterDivision(int value, int divisor)
    {
        var half = value / 2;                           // hit
        var part = value / divisor;                     // hit
        half++;                                         // miss
        return half + part;                             // miss
    }

    private static int Loop(int n)
    {
        var steps = 0;                                  // hit
        while (n > 0)                                   // hit br=2/2
        {
            n--;                                        // hit
            steps++;                                    // hit
        }
        return steps;                                   // hit
    }
}
