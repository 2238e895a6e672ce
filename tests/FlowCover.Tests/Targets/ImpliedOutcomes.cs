// methods: Target.Run, Target.Collatz, Target.NeverEntered, Target.Nested, Target.OuterOnlyFalse, Target.ThrowsBeforeDecision, Target.AfterCall, Target.Ratio, Target.LoopAtStart, Target.GotoAtStart
using System;

namespace FlowCover.Targets.ImpliedOutcomes;

// In set mode a branch outcome that is the one way into a statement which runs straight into
// another decision has no probe of its own: it was taken when one of that decision's outcomes
// was. A loop whose body opens with a condition, an if nested in an if. Every outcome must
// still count as it ran, most of all where the code between the two decisions throws.
public static class Target
{
    public static void Run()
    {
        Collatz(6);                                     // hit
        NeverEntered(0);                                // hit
        Nested(true, false);                            // hit
        Nested(false, true);                            // hit
        OuterOnlyFalse(false);                          // hit
        try
        {
            ThrowsBeforeDecision([], 1);                // hit
        }
        catch (IndexOutOfRangeException)                // hit
        {
        }
        try
        {
            AfterCall(0);                               // hit
        }
        catch (DivideByZeroException)                   // hit
        {
        }
        LoopAtStart(-1);                                // hit
        GotoAtStart(3);                                 // hit
    }

    private static int Collatz(long n)
    {
        var steps = 0;                                  // hit
        while (n != 1)                                  // hit br=2/2
        {
            n = (n & 1) == 0 ? n / 2 : 3 * n + 1;       // hit br=2/2
            steps++;                                    // hit
        }
        return steps;                                   // hit
    }

    private static int NeverEntered(int count)
    {
        var odd = 0;                                    // hit
        for (var i = 0; i < count; i++)                 // hit br=1/2
        {
            if ((i & 1) == 1)                           // miss br=0/2
                odd++;                                  // miss
        }
        return odd;                                     // hit
    }

    private static int Nested(bool a, bool b)
    {
        var r = 0;                                      // hit
        if (a)                                          // hit br=2/2
        {
            if (b)                                      // hit br=1/2
                r = 1;                                  // miss
            else
                r = 2;                                  // hit
        }
        return r;                                       // hit
    }

    private static int OuterOnlyFalse(bool a)
    {
        var r = 0;                                      // hit
        if (a)                                          // hit br=1/2
        {
            if (r > 0)                                  // miss br=0/2
                r = 1;                                  // miss
        }
        return r;                                       // hit
    }

    // The loop is entered, but its body throws before it reaches its condition: the outcome
    // "entered" must count although no outcome of the inner decision ran.
    private static int ThrowsBeforeDecision(int[] items, int count)
    {
        var i = 0;                                      // hit
        while (i < count)                               // hit br=1/2
        {
            if (items[i] > 0)                           // hit br=0/2
                return i;                               // miss
            i++;                                        // miss
        }
        return -1;                                      // miss
    }

    // The same with a call that throws between the outcome and the decision.
    private static int AfterCall(int d)
    {
        if (d >= 0)                                     // hit br=1/2
        {
            if (Ratio(d) > 1)                           // hit br=0/2
                return 1;                               // miss
        }
        return 0;                                       // miss
    }

    private static int Ratio(int d) => 10 / d;          // hit

    // In Release the loop's first statement is the method's first instruction: the call enters
    // it too, so the jump back into the loop is not its one way in and cannot share its probe.
    private static int LoopAtStart(int n)
    {
        do
        {
            n--;                                        // hit
            if (n < 0)                                  // hit br=1/2
                return -n;                              // hit
        } while (n > 5);                                // miss br=0/2
        return n;                                       // miss
    }

    private static int GotoAtStart(int n)
    {
    again: n--;                                         // hit
        if (n > 5)                                      // hit br=1/2
        {
            n -= 2;                                     // miss
            goto again;                                 // miss
        }
        return n;                                       // hit
    }
}
