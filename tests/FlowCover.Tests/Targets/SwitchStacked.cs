// methods: Target.Run, Target.Kind, Target.Describe, Target.Range, Target.Process, Target.Handle, Target.Sync
using System.Threading.Tasks;

namespace FlowCover.Targets.SwitchStacked;

public abstract class Behaviour { }
public sealed class Ignored : Behaviour { }
public sealed class Reentry : Behaviour { public int To; }
public sealed class Todo { }
public sealed class Done { }

// Stacked case labels are an outcome each, whatever the compiler tests (a type, a constant, a
// folded range). A switch on type patterns in an async method is the user's decision, on its own
// line, also where Release gives its header no sequence point and a section before returns.
public static class Target
{
    private static int State;

    public static void Run()
    {
        Kind(1);                                        // hit
        Kind(2L);                                       // hit
        Kind("x");                                      // hit
        Describe(new Todo());                           // hit
        Range(2);                                       // hit
        Range(7);                                       // hit
        Process(new Ignored(), 1).GetAwaiter().GetResult(); // hit
        Handle(new Reentry(), 1).GetAwaiter().GetResult(); // hit
        Sync(new Reentry(), 1);                         // hit
    }

    private static string Kind(object value)
    {
        switch (value)                                  // hit br=3/4 labels: +case int | +case long | +case string | -default
        {
            case int:
            case long:
                return "number";                        // hit
            case string:
                return "text";                          // hit
            default:
                return "other";                         // miss
        }
    }

    private static string Describe(object item)
    {
        switch (item)                                   // hit br=1/3 labels: +case Todo t | -case Done d | -no case matched
        {
            case Todo t:
            case Done d:
                return "task";                          // hit
        }
        return "none";                                  // miss
    }

    private static string Range(int n)
    {
        switch (n)                                      // hit br=2/5
        {
            case 1:
            case 2:
            case 3:
                return "low";                           // hit
            case 7:
                return "seven";                         // hit
        }
        return "none";                                  // miss
    }

    private static async Task<int> Process<TB>(TB behaviour, int source) where TB : Behaviour
    {
        await Task.Yield();                             // hit
        var representative = source + 1;               // hit
        switch (behaviour)                              // hit br=1/3
        {
            case Ignored:
                State = representative;                 // hit
                break;                                  // hit
            case Reentry reentry:
                State = reentry.To;                     // miss
                break;                                  // miss
        }
        return State;                                   // hit
    }

    private static async Task<int> Handle<TB>(TB behaviour, int source) where TB : Behaviour
    {
        var representative = source + 1;                // hit
        switch (behaviour)                              // hit br=1/3
        {
            case Ignored _:
                return representative;                  // miss
            case Reentry reentry:
                {
                    await Task.Yield();                 // hit
                    State = reentry.To;                 // hit
                    break;                              // hit
                }
        }
        return State;                                   // hit
    }

    private static int Sync(Behaviour behaviour, int source)
    {
        var representative = source + 1;                // hit
        switch (behaviour)                              // hit br=1/3
        {
            case Ignored:
                return representative;                  // miss
            case Reentry reentry:
                return reentry.To;                      // hit
        }
        return 0;                                       // miss
    }
}
