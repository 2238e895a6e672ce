// methods: Target.Run, Target.Cond, Target.A, Target.B
namespace FlowCover.Targets.MixedShortCircuit;

// `&&` over a `||`: Debug joins the last operand's value with the inner operator's constant,
// then with the outer one's, and tests the stored result once more; each operand keeps its two
// outcomes all the same.
public static class Target
{
    public static void Run()
    {
        Cond(false, 1);                         // hit
        Cond(true, 1);                          // hit
        Cond(true, -1);                         // hit
        Cond(true, 9);                          // hit
    }

    private static bool A(int x) => x > 0;      // hit
    private static bool B(int x) => x > 5;      // hit

    private static int Cond(bool on, int x)
    {
        if (on && (A(x) || B(x)))               // hit br=5/6
            return 1;                           // hit
        return 0;                               // hit
    }
}
