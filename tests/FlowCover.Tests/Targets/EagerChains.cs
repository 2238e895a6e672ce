// methods: Target.Run, Target.AndOr, Target.AllThree, Target.AnyOfThree, Target.Conditional
namespace FlowCover.Targets.EagerChains;

// Operands that are plain booleans are folded by the compiler into eager and/or chains, in
// Debug and in Release: each operand is still a condition, counted as short-circuit
// evaluation would have met it.
public static class Target
{
    public static void Run()
    {
        AndOr(true, true, false);               // hit
        AndOr(false, true, false);              // hit
        AllThree(true, false, true);            // hit
        AnyOfThree(false, false, true);         // hit
        Conditional(true, 1, 0);                // hit
        Conditional(false, 0, 0);               // hit
    }

    private static int AndOr(bool a, bool b, bool c)
    {
        // a true, b true; then a false, c false: b false and c true never happened.
        if (a && b || c)                        // hit br=4/6
            return 1;                           // hit
        return 0;                               // hit
    }

    private static int AllThree(bool a, bool b, bool c)
    {
        // a true, b false: c was never evaluated.
        if (a && b && c)                        // hit br=2/6
            return 1;                           // miss
        return 0;                               // hit
    }

    private static int AnyOfThree(bool a, bool b, bool c)
    {
        if (a || b || c)                        // hit br=3/6
            return 1;                           // hit
        return 0;                               // miss
    }

    private static int Conditional(bool f, int a, int b)
    {
        // The ?: decides on f (both ways), the if on the value it chose (both ways).
        if (f ? a > 0 : b > 0)                  // hit br=4/4
            return 1;                           // hit
        return 0;                               // hit
    }
}
