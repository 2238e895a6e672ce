// methods: Target.Run, Target.Pos, Target.Up, Target.Down, Target.Name, Target.Both, Target.Notify, Target.Route, Target.Pick
namespace FlowCover.Targets.ReleaseCopiedReturns;

// A `return` whose whole code is its `ret` (its value left on the stack by the statement before,
// whose local Release drops; `return;` in a void method): Release replaces each jump to it by a
// copy of that `ret`, at the end of the statement before. Here every `return` runs only through
// such a copy, and must be reported hit.
public static class Target
{
    private static int calls;

    public static void Run()
    {
        Both(1, 2);                                     // hit
        Notify(true);                                   // hit
        Route(1);                                       // hit
        Route(7);                                       // hit
        Pick(false);                                    // hit
    }

    private static bool Pos(int v) => v > 0;            // hit

    private static void Up() => calls++;                // hit

    private static void Down() => calls--;              // miss

    private static string Name() => "b";                // hit

    private static bool Both(int a, int b)
    {
        var ok = Pos(a) && Pos(b);                      // hit br=2/4
        return ok;                                      // hit
    }

    private static void Notify(bool c)
    {
        if (c)                                          // hit br=1/2
        {
            Up();                                       // hit
        }
        else
        {
            Down();                                     // miss
        }
        return;                                         // hit
    }

    private static void Route(int x)
    {
        switch (x)                                      // hit br=2/3
        {
            case 1:
                Up();                                   // hit
                break;                                  // hit
            case 2:
                Down();                                 // miss
                break;                                  // miss
        }
        return;                                         // hit
    }

    private static string Pick(bool f)
    {
        var s = f ? "a" : Name();                       // hit br=1/2
        return s;                                       // hit
    }
}
