// methods: Target.Run, Target.Straight, Target.Join, Target.AfterThrowingRead, Target.AfterDivision, Target.Loop, Target.LongAfterDivision, Target.AfterLeafCall, Target.Twice, Target.AfterThrowingCall, Target.Ratio, Target.AfterTypeInitializer, Target.ForeachOverArray, Target.ForeachOverString, Target.FromMinusOne, Faulty.Faulty (static), Faulty.Identity
using System;

namespace FlowCover.Targets.ImpliedProbes;

// In set mode a statement reached only straight from other probes, through code that cannot
// throw, has no probe of its own. These lines must still be exact, most of all where the code
// before them does throw.
public static partial class Target
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
        try
        {
            LongAfterDivision(7, 0);                    // hit
        }
        catch (DivideByZeroException)                   // hit
        {
        }
        AfterLeafCall(4);                               // hit
        try
        {
            AfterThrowingCall(0);                       // hit
        }
        catch (DivideByZeroException)                   // hit
        {
        }
        try
        {
            AfterTypeInitializer();                     // hit
        }
        catch (TypeInitializationException)             // hit
        {
        }
        ForeachOverArray([1, 2]);                       // hit
        ForeachOverString("");                          // hit
        try
        {
            FromMinusOne([1]);                          // hit
        }
        catch (IndexOutOfRangeException)                // hit
        {
        }
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

    // A long's constant divisor is an int constant widened by conv.i8.
    private static long LongAfterDivision(long value, long divisor)
    {
        var half = value / 2;                           // hit
        var part = value / divisor;                     // hit
        half++;                                         // miss
        return half + part;                             // miss
    }

    // A call to a helper that cannot throw is straight code; to one that can, it is not.
    private static int AfterLeafCall(int x)
    {
        var a = Twice(x);                               // hit
        a++;                                            // hit
        return a;                                       // hit
    }

    private static int Twice(int x) => x * 2;           // hit

    private static int AfterThrowingCall(int x)
    {
        var a = Ratio(x);                               // hit
        a++;                                            // miss
        return a;                                       // miss
    }

    private static int Ratio(int x) => 10 / x;          // hit

    // Identity cannot throw, but calling it first runs its type's static constructor, which does.
    private static int AfterTypeInitializer()
    {
        var a = Faulty.Identity(1);                     // hit
        a++;                                            // miss
        return a;                                       // miss
    }
}

public static partial class Target
{
    // foreach's element load is checked by its loop: it cannot throw.
    private static int ForeachOverArray(int[] items)
    {
        var sum = 0;                                    // hit
        foreach (var item in items)                     // hit br=2/2
        {
            sum += item;                                // hit
        }
        return sum;                                     // hit
    }

    private static int ForeachOverString(string text)
    {
        var letters = 0;                                // hit
        foreach (var c in text)                         // hit br=1/2
        {
            letters++;                                  // miss
        }
        return letters;                                 // hit
    }

    // The same shape from -1: the first load throws, and the statement after it never runs.
    private static int FromMinusOne(int[] items)
    {
        var local = items;                              // hit
        var total = 0;                                  // hit
        for (var i = -1; i < local.Length; i++)         // hit br=1/2
        {
            var item = local[i];                        // hit
            total += item;                              // miss
        }
        return total;                                   // miss
    }
}

public static class Faulty
{
    private static readonly int Seed;

    static Faulty()
    {
        Seed = int.Parse("not a number");               // hit
    }

    public static int Identity(int x) => x;             // miss
}
