using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace FlowCover.Targets.OutcomeLabels;

// Each decision line lists its outcomes after `labels:`, `+` taken and `-` not (`~`: either), as
// every report names them (docs/annotations.md, "How reports name an outcome"); OutcomeLabelTests
// asserts them in Debug and Release. A pattern whose tests the compiler may reorder (a list
// pattern before `null`) keeps the jump form.
public static class Target
{
    public static void Run()
    {
        Cart(2);                                            // hit
        Negated(true);                                      // hit
        Loops(2, [1, 2]);                                   // hit
        Chains(null, 5, true);                              // hit
        Chains("x", 1, false);                              // hit
        Long(1, 2);                                         // hit
        Nulls(null, "a");                                   // hit
        Switches(1, "b");                                   // hit
        Arms(2, false);                                     // hit
        Guarded(new InvalidOperationException("x"));        // hit
        Patterns([]);                                       // hit
        Awaited(false, false).GetAwaiter().GetResult();     // hit
        Reordered([]);                                      // hit
        JumpTable('b');                                     // hit
        KeptTable('x');                                     // hit
    }

    private static string Cart(int quantity)
    {
        var word = quantity == 0 ? "empty" : "items";       // hit br=1/2 labels: -true | +false
        if (quantity == 0)                                  // hit br=1/2 labels: -true | +false
            return word;                                    // miss
        return quantity != 0 ? word : "";                   // hit br=1/2 labels: +true | -false
    }

    private static int Negated(bool done)
    {
        if (!done)                                          // hit br=1/2 labels: -true | +false
            return 1;                                       // miss
        return 0;                                           // hit
    }

    private static int Loops(int n, List<int> items)
    {
        var sum = 0;                                        // hit
        while (n > 0)                                       // hit br=2/2 labels: +true | +false
            n--;                                            // hit
        do
            sum++;                                          // hit
        while (sum < 0);                                    // hit br=1/2 labels: -true | +false
        for (var i = 0; i < 0; i++)                         // hit br=1/2 labels: -true | +false
            sum++;                                          // miss
        foreach (var item in items)                         // hit br=2/2 labels: +next item | +done
            sum += item;                                    // hit
        return sum;                                         // hit
    }

    private static int Chains(string? a, int b, bool c)
    {
        if (a == null || b > 3)                             // hit br=3/4 labels: +a == null true | +a == null false | -b > 3 true | +b > 3 false
            return 1;                                       // hit
        if (b > 0 && !c)                                    // hit br=2/4 labels: +b > 0 true | -b > 0 false | +!c true | -!c false
            return 2;                                       // hit
        return 3;                                           // miss
    }

    private static int Long(int first, int second)
    {
        if (first < 0 || Math.Max(first, second) > 10)      // hit br=2/4 labels: -first < 0 true | +first < 0 false | -operand 2 true | +operand 2 false
            return 1;                                       // miss
        return 0;                                           // hit
    }

    private static int Nulls(string? a, string b)
    {
        var length = a?.Length ?? -1;                       // hit br=1/2 labels: -not null | +null
        return length + (b ?? "").Length;                   // hit br=1/2 labels: +not null | -null
    }

    private static int Switches(int n, string s)
    {
        switch (n)                                          // hit br=1/3 labels: +case 1 | -case 2 | -default
        {
            case 1:
                n++;                                        // hit
                break;                                      // hit
            case 2:
                n--;                                        // miss
                break;                                      // miss
            default:
                return 0;                                   // miss
        }
        switch (s)                                          // hit br=1/3 labels: -case "a" | +no case matched | -case "c"
        {
            case "a":
                return 1;                                   // miss
            case "c":
                return 3;                                   // miss
        }
        return n;                                           // hit
    }

    private static string Arms(int n, bool admin) => n switch   // hit br=2/5 labels: -arm 1 | -arm 2 | +arm 3 | -when true | +when false
    {
        1 => "one",                                         // miss
        2 when admin => "two",                              // hit (the when ran, and was false)
        _ => "other",                                       // hit
    };

    private static string Guarded(Exception e)
    {
        try
        {
            throw e;                                        // hit
        }
        catch (InvalidOperationException) when (e.Message == "x")  // hit br=1/2 labels: +when true | -when false
        {
            return "caught";                                // hit
        }
    }

    private static int Patterns(int[]? rates)
    {
        if (rates is null or [])                            // hit br=2/4 labels: -is null true | +is null false | +is [] true | -is [] false
            return 0;                                       // hit
        return 1;                                           // miss
    }

    private static Task<bool> A(bool value) => Task.FromResult(value);  // hit

    private static async Task<int> Awaited(bool a, bool b)
    {
        if (await A(a) || await A(b))                       // hit br=2/4 labels: -await A(a) true | +await A(a) false | -await A(b) true | +await A(b) false
            return 1;                                       // miss
        return 0;                                           // hit
    }

    private static int Reordered(int[]? rates)
    {
        if (rates is [] or null)                            // hit br=2/4 labels: ~the jump to line 145 | ~going on to line 144 | ~the jump to line 145 | ~going on to line 146
            return 0;                                       // hit
        return 1;                                           // miss
    }

    // A jump table the compiler makes of a run of constants: its entries all go to the pattern's
    // true, one outcome; its default is the false.
    private static int JumpTable(char c)
    {
        if (c is 'a' or 'b' or 'c' or 'd')                  // hit br=1/2 labels: +true | -false
            return 1;                                       // hit
        return 0;                                           // miss
    }

    private static bool KeptTable(char c) => c is 'w' or 'x' or 'y' or 'z';  // hit br=1/2 labels: +true | -false
}
