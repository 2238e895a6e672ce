// methods: Target.Run, Target.Pick, Target.Check
namespace FlowCover.Targets.SmokeShortCircuit;

public static class Target
{
    public static void Run()
    {
        Pick(null, 1);                          // hit
    }

    private static int Pick(string? a, int b)
    {
        if (a == null || Check(b))              // hit br=1/4
            return 1;                           // hit
        return 2;                               // miss
    }

    private static bool Check(int b) => b > 3;  // miss
}
