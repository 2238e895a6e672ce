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
}
