// methods: Target.Run, Target.Clamp, Target.NeverCalled, Target.AfterThrowingRead, Target.SwitchFirst
using System;

namespace FlowCover.Targets.ImpliedByOutcomes;

// In set mode a statement that runs straight into a decision whose every outcome is probed has
// no probe of its own: it ran when one of the outcomes did. These lines must still be exact,
// most of all where the code before them throws.
public static class Target
{
    public static void Run()
    {
        Clamp(3);                                       // hit
        Clamp(12);                                      // hit
        try
        {
            AfterThrowingRead([]);                      // hit
        }
        catch (IndexOutOfRangeException)                // hit
        {
        }
        SwitchFirst(2);                                 // hit
    }

    // The first statement of a method: nothing before it to be implied by.
    private static int Clamp(int v) => v >= 10 ? v - 10 : v;    // hit br=2/2

    private static int NeverCalled(int v) => v >= 10 ? v - 10 : v;    // miss br=0/2

    private static int AfterThrowingRead(int[] items)
    {
        var first = items[0];                           // hit
        return first > 0 ? 1 : 2;                       // miss br=0/2
    }

    private static string SwitchFirst(int v)
    {
        switch (v)                                      // hit br=1/3
        {
            case 1:
                return "one";                           // miss
            case 2:
                return "two";                           // hit
            default:
                return "other";                         // miss
        }
    }
}
