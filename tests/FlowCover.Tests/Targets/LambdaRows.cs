// methods: Target.Run, Target.Chain, Target.Chain (lambda #1 at line 22), Target.Chain (lambda #2 at line 22), Target.Chain (lambda #3 at line 22), Target.Pair, Target.Pair (lambda #1 at line 31), Target.Pair (lambda #2 at line 31), Target.Nested, Target.Nested (lambda #1 at line 37), Target.Nested (lambda #2 at line 37), Target.Local, Target.Local (local function Twice), Target.Local (lambda at line 44)
using System;
using System.Linq;

namespace FlowCover.Targets.LambdaRows;

/// <summary>Several lambdas in one statement, on one line, one inside another, and in a local
/// function: each is a method row of its own, named by where it is written, and the rows add up
/// to the file's (tests/FlowCover.Tests/Validation/MethodRowTests.cs).</summary>
public static class Target
{
    public static void Run()
    {
        Chain(new[] { 1, 2, 3 });                                   // hit
        Pair(4);                                                    // hit
        Nested(new[] { 5 });                                        // hit
        Local(6);                                                   // hit
    }

    private static int[] Chain(int[] values)
    {
        return values                                               // hit
            .Where(v => v > 1)                                      // hit
            .Select(v => v * 2)                                     // hit
            .OrderBy(v => -v)                                       // hit
            .ToArray();
    }

    private static int Pair(int x)
    {
        Func<int, int>[] both = { v => v * 2, v => v - 1 };         // hit
        return both[0](x);                                          // hit
    }

    private static int Nested(int[] values)
    {
        return values.Sum(v => values.Count(w => w == v));          // hit
    }

    private static int Local(int x)
    {
        return Twice(x);                                            // hit

        int Twice(int v) => new[] { v }.Select(y => y * 2).Single();   // hit
    }
}
