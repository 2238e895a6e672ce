// methods: Target.Run, Target.Classify
using System;

namespace FlowCover.Targets.SmokeIfElse;

public static class Target
{
    public static void Run()
    {
        Classify(5);                    // hit
    }

    private static string Classify(int value)
    {
        if (value > 0)                  // hit br=1/2
        {
            return "positive";          // hit
        }
        return "not positive";          // miss
    }
}
