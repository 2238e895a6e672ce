namespace FlowCover.Instrumentation;

/// <summary>Runs per-method work on every core when there is enough of it to pay for the
/// threads; a small assembly is done sooner on the calling thread.</summary>
internal static class MethodWork
{
    private const int WorthThreads = 512;

    public static void ForEach(int count, Action<int> work)
    {
        if (count < WorthThreads)
        {
            for (var i = 0; i < count; i++)
                work(i);
            return;
        }
        Parallel.For(0, count, work);
    }

    /// <summary>
    /// Runs <paramref name="read"/> on each item in order, one at a time, and
    /// <paramref name="work"/> on the index of each item it accepts, on every core as soon as
    /// that item is read. For Cecil, which reads each method body under one module lock: reading
    /// in order is the fastest it reads, and the planning of bodies already read overlaps it.
    /// </summary>
    public static void ForEachRead<T>(IReadOnlyList<T> items, Func<T, bool> read, Action<int> work)
    {
        if (items.Count < WorthThreads)
        {
            for (var i = 0; i < items.Count; i++)
                if (read(items[i]))
                    work(i);
            return;
        }
        IEnumerable<int> Accepted()
        {
            for (var i = 0; i < items.Count; i++)
                if (read(items[i]))
                    yield return i;
        }
        // No buffering: a worker takes the next index only when it is free, so the reading moves
        // on while the others plan.
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(Accepted(), System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering), work);
    }
}
