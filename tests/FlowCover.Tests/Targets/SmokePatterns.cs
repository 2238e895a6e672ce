// methods: Target.RunAsync, Target.FindAsync, Target.QuoteAsync, Target.Check, Target.Positive, Target.Page, Target.NameAsync, Target.LookupAsync, Target.Lifted
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace FlowCover.Targets.SmokePatterns;

public static class Target
{
    public static async Task RunAsync()
    {
        await QuoteAsync(1);                            // hit
        await NameAsync(3);                             // hit
        Check(new List<int>());                         // hit
        Positive(2m);                                   // hit
        Page(null);                                     // hit
        Lifted(null);                                   // hit
        Lifted(2m);                                     // hit
    }

    private static async Task<decimal?> FindAsync(int id)
    {
        await Task.Yield();                             // hit
        return id > 0 ? id : null;                      // hit br=1/2
    }

    private static async Task<decimal> QuoteAsync(int id)
    {
        if (await FindAsync(id) is { } direct)          // hit br=1/2
            return direct;                              // hit
        var other = await FindAsync(-id) ?? throw new InvalidOperationException();   // miss br=0/2
        return other;                                   // miss
    }

    private static async Task<string> NameAsync(int id)
    {
        var name = await LookupAsync(id) ?? throw new InvalidOperationException();   // hit br=1/2
        return name;                                    // hit
    }

    private static async Task<string?> LookupAsync(int id)
    {
        await Task.Yield();                             // hit
        return id.ToString();                           // hit
    }

    private static bool Check(List<int>? rates)
    {
        if (rates is null or [])                        // hit br=2/4
            return false;                               // hit
        return true;                                    // miss
    }

    private static bool Positive(decimal? rate)
    {
        if (rate is not > 0m)                           // hit br=1/2
            return false;                               // miss
        return true;                                    // hit
    }

    private static int Lifted(decimal? rate)
    {
        if (rate > 1m)                                  // hit br=2/2
            return 1;                                   // hit
        return 0;                                       // hit
    }

    private static int Page(int? page) => page ?? 1;    // hit br=1/2
}
