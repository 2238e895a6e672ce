using System;

namespace FlowCover.Targets.ClosureLambdaCache;

// A lambda that captures only variables of an enclosing scope is cached in a field of that
// scope's closure (display class): the null test on the field is the compiler's cache.
public static class Target
{
    public static void Run()
    {
        Outer(1)(2)(3);                                 // hit
        Outer(1)(2)(3);                                 // hit
    }

    public static Func<int, Func<int, int>> Outer(int k)
    {
        return x => { return Inner(y => y + k); };      // hit
        static Func<int, int> Inner(Func<int, int> f) => f;   // hit
    }
}
