namespace FlowCover.Instrumentation.Analysis;

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
    /// <paramref name="work"/> on each item it accepts, on every core as soon as that item is
    /// read; then <paramref name="inOrder"/> on each accepted item in list order, one at a time,
    /// once <paramref name="work"/> is done for it and for every accepted item before it; then
    /// <paramref name="after"/> on it, on any core. For Cecil, which reads each
    /// method body under one module lock: reading in order is the fastest it reads, the
    /// planning of bodies already read overlaps it, and a running total kept in order (probe
    /// numbers) lets each body be finished and let go while the reading goes on.
    /// </summary>
    public static void ForEachReadInOrder<T>(IReadOnlyList<T> items, Func<T, bool> read, Action<T> work, Action<T> inOrder, Action<T> after)
    {
        if (items.Count < WorthThreads)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (!read(items[i]))
                    continue;
                work(items[i]);
                inOrder(items[i]);
                after(items[i]);
            }
            return;
        }
        var accepted = new bool[items.Count];
        var done = new bool[items.Count];
        var next = 0;
        var gate = new Lock();
        var ready = new System.Collections.Concurrent.ConcurrentQueue<int>();
        void Advance()
        {
            lock (gate)
            {
                for (; next < items.Count && done[next]; next++)
                {
                    if (!accepted[next])
                        continue;
                    inOrder(items[next]);
                    ready.Enqueue(next);
                }
            }
        }
        void Drain()
        {
            while (ready.TryDequeue(out var i))
                after(items[i]);
        }
        IEnumerable<int> Accepted()
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (read(items[i]))
                {
                    accepted[i] = true;
                    yield return i;
                    continue;
                }
                lock (gate)
                    done[i] = true;
            }
        }
        // No buffering: a worker takes the next index only when it is free, so the reading moves
        // on while the others work. No more workers than cores: while workers wait (for a file
        // still being parsed), the pool would add threads, which then contend for the gates.
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(Accepted(), System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            work(items[i]);
            lock (gate)
                done[i] = true;
            Advance();
            Drain();
        });
        Advance();
        Parallel.ForEach(ready, i => after(items[i]));
    }
}
