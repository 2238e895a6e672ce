using System;

namespace FlowCover.Targets.UnusedDelegateCache;

// A cached delegate whose value is never used: Release drops the copy the cache keeps
// (`ldsfld F; brtrue L; ...create...; stsfld F; L:`, no `dup`), and the null test is still the
// cache's, not a decision.
public static class Target
{
    public static void Run()
    {
        Two(1);                                         // hit
        Group(2);                                       // hit
    }

    private static int Two(int n)
    {
        Func<int, int> a = x => x + 1, b = y => y * 2;  // hit
        return a(n);                                    // hit
    }

    private static int Square(int n) => n * n;         // hit

    private static int Group(int n)
    {
        Func<int, int> unused = Square;                 // hit
        return Square(n);                               // hit
    }
}
