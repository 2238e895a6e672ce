// methods: Target.RunAsync, Target.RunAsync (lambda at line 17), Target.RunAsync (lambda at line 18), Target.RunAsync (lambda at line 19), Target.Fetch, Target.Fire, Target.Target (static)
using System;
using System.Threading;
using System.Threading.Tasks;

namespace FlowCover.Targets.SmokeConcurrency;

public static class Target
{
    private static readonly SemaphoreSlim Done = new(0);   // hit
    private static int s_total;

    public static async Task RunAsync()
    {
        var results = await Task.WhenAll(Fetch(1), Fetch(2), Fetch(3));   // hit
        s_total += results.Length;                      // hit
        ThreadPool.QueueUserWorkItem(_ => { Interlocked.Increment(ref s_total); Done.Release(); });   // hit
        using var timer = new Timer(_ => Done.Release(), null, 1, Timeout.Infinite);   // hit
        await Task.Run(() => Interlocked.Add(ref s_total, 2));   // hit
        await Done.WaitAsync();                         // hit
        await Done.WaitAsync();                         // hit
        Fire(true);                                     // hit
        await Done.WaitAsync();                         // hit
    }

    private static async Task<int> Fetch(int id)
    {
        await Task.Delay(id).ConfigureAwait(false);     // hit
        return id * 10;                                 // hit
    }

    private static async void Fire(bool release)
    {
        await Task.Yield();                             // hit
        if (release)                                    // hit br=1/2
            Done.Release();                             // hit
    }
}
