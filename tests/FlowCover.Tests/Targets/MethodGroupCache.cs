using System;
using System.Linq;
using System.Threading.Tasks;

namespace FlowCover.Targets.MethodGroupCache;

// A static method group converted to a delegate is cached by the compiler (in `<>O`); the null
// test on the cache is no decision of the user's, in a plain, async or generic method.
public static class Target
{
    public static async Task RunAsync()
    {
        var values = new[] { 1, 2 };                    // hit
        var squares = await Task.WhenAll(values.Select(SquareAsync));   // hit
        var text = await Task.FromResult(3).ContinueWith(Describe, TaskScheduler.Default);   // hit
        var tagged = await Task.FromResult(4).ContinueWith(Tag, "t", TaskScheduler.Default);   // hit
        Plain(values);                                  // hit
        Generic(values);                                // hit
        Generic(new[] { "a" });                         // hit
    }

    private static Task<int> SquareAsync(int v) => Task.FromResult(v * v);   // hit

    private static string Describe(Task<int> t) => t.Result.ToString();   // hit

    private static string Tag(Task<int> t, object? state) => $"{state}{t.Result}";   // hit

    private static int Plain(int[] values)
    {
        return values.Select(Twice).Sum();              // hit
    }

    private static int Twice(int v) => v * 2;           // hit

    private static int Generic<T>(T[] values)
    {
        return values.Select(Identity).Count();         // hit
    }

    private static T Identity<T>(T v) => v;             // hit
}
