// methods: Target.RunAsync, Target.GetAsync, Target.IsAllowedAsync, Target.Map, Target.Map (lambda at line 38), Target.Map (lambda at line 39), Target.Target (static), Target.Numbers, Target.Helper, Target.Helper (local function Twice)
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace FlowCover.Targets.SmokeAsync;

public static class Target
{
    private static readonly List<Func<int, Task<int>>> Handlers = new();   // hit

    public static async Task RunAsync()
    {
        var value = await GetAsync(2);                  // hit
        Map();                                          // hit
        await Handlers[0](value);                       // hit
        foreach (var n in Numbers(2))                   // hit br=2/2
            value += n;                                 // hit
        value += Helper(value);                         // hit
    }

    private static async Task<int> GetAsync(int id)
    {
        await Task.Yield();                             // hit
        if (await IsAllowedAsync(id))                   // hit br=1/2
            return id * 2;                              // hit
        return -1;                                      // miss
    }

    private static async Task<bool> IsAllowedAsync(int id)
    {
        await Task.Delay(1);                            // hit
        return id > 0;                                  // hit
    }

    private static void Map()
    {
        Handlers.Add(async x => { await Task.Yield(); return x + 1; });  // hit
        Handlers.Add(async x =>                         // hit
        {
            await Task.Yield();                         // miss
            return x > 5 ? x : 0;                       // miss br=0/2
        });
    }

    private static IEnumerable<int> Numbers(int count)
    {
        for (var i = 0; i < count; i++)                 // hit br=2/2
            yield return i;                             // hit
    }

    private static int Helper(int x)
    {
        return Twice(x);                                // hit

        static int Twice(int y) => y * 2;               // hit
    }
}
