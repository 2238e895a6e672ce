namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Working arrays a thread keeps from one method body to the next: planning makes tables the
/// size of each body, and made anew for every body of a large assembly they would be much of
/// its garbage.
/// <see cref="Take"/> gives the ones the thread last gave back (or new ones), <see cref="Give"/>
/// hands them back once nothing reads them; ones never given back are only garbage.
/// </summary>
internal static class ThreadScratch<T> where T : class, new()
{
    [ThreadStatic]
    private static T? t_free;

    public static T Take()
    {
        var scratch = t_free ?? new T();
        t_free = null;
        return scratch;
    }

    public static void Give(T scratch) => t_free = scratch;
}
