// methods: Target.Run, Target.Keyword, Target.Rethrow, Target.Compile, Target.Total, Target.Countdown, Target.Evens, Hidden.Visible, Target.Kind, Target.Total (local function Sum)
using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace FlowCover.Targets.SmokeStatements;

public static class Target
{
    public static void Run()
    {
        Keyword("delta");                               // hit
        try
        {
            Rethrow();                                  // hit
        }
        catch (InvalidOperationException)               // hit
        {
        }
        Compile();                                      // hit
        Total(1, 2, 3);                                 // hit
        Countdown(2);                                   // hit
        foreach (var even in Evens(5))                  // hit br=2/2
            Total(even);                                // hit
        Hidden.Visible();                               // hit
        Kind(3);                                        // hit
    }

    private static int Keyword(string word)
    {
        switch (word)                                   // hit br=1/9
        {
            case "alpha": return 1;                     // miss
            case "bravo": return 2;                     // miss
            case "charlie": return 3;                   // miss
            case "delta": return 4;                     // hit
            case "echo": return 5;                      // miss
            case "foxtrot": return 6;                   // miss
            case "golf": return 7;                      // miss
            case "hotel": return 8;                     // miss
            default: return 0;                          // miss
        }
    }

    private static void Rethrow()
    {
        try
        {
            throw new InvalidOperationException("x");   // hit
        }
        catch (InvalidOperationException)               // hit
        {
            throw;                                      // hit
        }
    }

    private static int Compile()
    {
        var value = 1;                                  // hit
#if NEVER_DEFINED
        value = 2;
        value += 3;
#endif
        return value;                                   // hit
    }

    private static int Total(params int[] values)
    {
        var total = Sum(                                // hit
            values,

            0);
        return total;                                   // hit

        static int Sum(int[] items, int seed)
        {
            foreach (var item in items)                 // hit br=2/2
                seed += item;                           // hit
            return seed;                                // hit
        }
    }

    private static void Countdown(int n)
    {
        do
        {
            n--;                                        // hit
        } while (n > 0);                                // hit br=2/2
    }

    private static IEnumerable<int> Evens(int limit)
    {
        for (var i = 0; ; i += 2)                       // hit
        {
            if (i > limit)                              // hit br=2/2
                yield break;                            // hit
            yield return i;                             // hit
        }
    }

    private static string Kind(int n)
    {
        return n switch                                 // hit br=1/3
        {
            < 0 => "negative",                          // miss
            0 => "zero",                                // miss
            _ => "positive",                            // hit
        };
    }
}

public static class Hidden
{
    public static void Visible() => Excluded();         // hit

    [ExcludeFromCodeCoverage]
    private static void Excluded()
    {
        Console.Write("");
    }
}
