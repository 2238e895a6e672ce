// methods: Rate.Rate, Target.Target (static), Target.RunAsync, Target.Sum, Target.ReadAsync, Target.EarlyReturnAsync, Target.Stream, Target.Guarded, Rate.Inverse.get, Service.Service, Service.Describe, Counter.Dispose, Counter.DisposeAsync
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace FlowCover.Targets.SmokeResources;

public record Rate(string Pair, decimal Value)         // hit
{
    public decimal Inverse => 1 / Value;                // miss
    public string Note { get; init; } = "";             // hit
}

public sealed class Service(Rate rate)                 // hit
{
    private readonly Rate _rate = rate;                 // hit

    public string Describe() => _rate.Pair;             // hit
}

public sealed class Counter : IDisposable, IAsyncDisposable
{
    public int Value { get; set; }

    public void Dispose() => Value++;                   // hit

    public ValueTask DisposeAsync()
    {
        Value++;                                        // hit
        return ValueTask.CompletedTask;                 // hit
    }
}

public static class Target
{
    private static readonly object Gate = new();        // hit

    public static async Task RunAsync()
    {
        var service = new Service(new Rate("EURUSD", 2m));  // hit
        service.Describe();                             // hit
        Sum(new List<int> { 1, 2 });                    // hit
        await ReadAsync();                              // hit
        await EarlyReturnAsync(true);                   // hit
        Guarded(1);                                     // hit
    }

    private static int Sum(List<int> values)
    {
        var total = 0;                                  // hit
        using var counter = new Counter();              // hit
        foreach (var value in values)                   // hit br=2/2
            total += value;                             // hit
        return total;                                   // hit
    }

    private static async Task<int> ReadAsync()
    {
        var total = 0;                                  // hit
        await using (var counter = new Counter())       // hit
        {
            await foreach (var n in Stream(2))          // hit br=2/2
                total += n;                             // hit
        }
        return total;                                   // hit
    }

    private static async Task<int> EarlyReturnAsync(bool early)
    {
        await using var counter = new Counter();        // hit
        await Task.Yield();                             // hit
        if (early)                                      // hit br=1/2
            return 1;                                   // hit
        return 2;                                       // miss
    }

    private static async IAsyncEnumerable<int> Stream(int count)
    {
        for (var i = 0; i < count; i++)                 // hit br=2/2
        {
            await Task.Yield();                         // hit
            yield return i;                             // hit
        }
    }

    private static int Guarded(int x)
    {
        lock (Gate)                                     // hit
        {
            return x + 1;                               // hit
        }
    }
}
