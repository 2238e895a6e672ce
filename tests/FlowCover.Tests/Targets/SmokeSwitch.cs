// methods: Target.Run, Target.Stacked, Target.Expression, Target.Words
namespace FlowCover.Targets.SmokeSwitch;

public static class Target
{
    public static void Run()
    {
        Stacked(1);                                     // hit
        Stacked(5);                                     // hit
        Expression(2);                                  // hit
        Words("b");                                     // hit
    }

    private static int Stacked(int v)
    {
        switch (v)                                      // hit br=2/4
        {
            case 1:
            case 2:
                return 10;                              // hit
            case 5:
                return 50;                              // hit
            default:
                return 0;                               // miss
        }
    }

    private static int Expression(int v) => v switch    // hit br=1/3
    {
        1 => 10,                                        // miss
        2 => 20,                                        // hit
        _ => 0,                                         // miss
    };

    private static int Words(string s)
    {
        switch (s)                                      // hit br=1/3
        {
            case "a":
                return 1;                               // miss
            case "b":
                return 2;                               // hit
            default:
                return 0;                               // miss
        }
    }
}
