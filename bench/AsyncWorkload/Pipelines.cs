namespace AsyncWorkload;

/// <summary>Async-heavy code: deep await chains that really suspend, an IAsyncEnumerable
/// pipeline, and Task.WhenAll fan-out onto the thread pool.</summary>
public static class Pipelines
{
    public static async Task<int> Chain(int depth, int value)
    {
        if (depth == 0)
        {
            await Task.Yield();
            return value;
        }
        var inner = await Chain(depth - 1, value + 1);
        return inner % 2 == 0 ? inner : inner + 1;
    }

    public static async IAsyncEnumerable<int> Produce(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (i % 64 == 0)
                await Task.Yield();
            yield return i;
        }
    }

    public static async Task<long> SumOfSquaresOfEvens(int count)
    {
        long total = 0;
        await foreach (var value in Produce(count))
            if (value % 2 == 0)
                total += (long)value * value;
        return total;
    }

    public static async Task<int> FanOut(int tasks, int depth)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, tasks).Select(t => Task.Run(() => Chain(depth, t))));
        return results.Sum();
    }
}
