// methods: Target.Target (static), Target.MapGet, Target.Run, Target.Map, Target.Map (lambda at line 33), Target.Map (lambda at line 34), Target.Map (lambda at line 35), Target.Scale, Target.Scale (lambda at line 46), Target.Name, Target.Cache, Target.Both, Target.Flag, Route.Route
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace FlowCover.Targets.SmokeLambdas;

public sealed record Route(string Pattern, Delegate Handler);   // hit

public static class Target
{
    private static readonly List<Route> Routes = new();  // hit
    private static string? s_cached;

    public static void Run()
    {
        Map();                                          // hit
        var result = ((Func<int, Task<int>>)Routes[0].Handler)(2).GetAwaiter().GetResult();   // hit
        ((Func<string?, int?>)Routes[1].Handler)(null); // hit
        Scale(new[] { 1, 2 }, 3);                       // hit
        Name(null);                                     // hit
        Name("x");                                      // hit
        Cache();                                        // hit
        Cache();                                        // hit
        Both(true, false);                              // hit
        Both(false, true);                              // hit
        Flag(3);                                        // hit
    }

    private static void Map()
    {
        MapGet("/double", async (int x) => { await Task.Yield(); return x * 2; });   // hit
        MapGet("/length", (string? s) => s?.Length);    // hit br=1/2
        MapGet("/never", async (int id) =>              // hit
        {
            await Task.Delay(1);                        // miss
            return id;                                  // miss
        });
    }

    private static void MapGet(string pattern, Delegate handler) => Routes.Add(new Route(pattern, handler));   // hit

    private static int[] Scale(int[] values, int factor)
    {
        return values.Select(v => v * factor).ToArray();   // hit
    }

    private static int Name(string? value) => value?.Trim().Length ?? -1;   // hit br=2/2

    private static string Cache()
    {
        s_cached ??= DateTime.UtcNow.Year.ToString();   // hit br=2/2
        return s_cached;                                // hit
    }

    private static bool Both(bool a, bool b)
    {
        if (a && b)                                     // hit br=3/4
            return true;                                // miss
        return false;                                   // hit
    }

    private static int Flag(int flags)
    {
        if ((flags & 1) != 0)                           // hit br=1/2
            return 1;                                   // hit
        return 0;                                       // miss
    }
}
