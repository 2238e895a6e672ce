// methods: Target.Run, Target.Kind, Target.Single, Target.Sum, Target.Angle
namespace FlowCover.Targets.ReleaseMultiWayJumps;

// A jump Release compiles to nothing where the statement before reaches its target by several
// ways (each block of an if/else chain, an if's false branch and its block's end): Release sends
// every way straight to the target. The jump ran exactly when one of those ways was taken, and
// not when the statement before returned, nor when control reached the target another way (a
// switch whose value matched no case). Markdig SmartyPantsInlineParser.cs:120,
// HtmlBlockParser.cs:270, ListRenderer.cs:33; SmartyPantsInlineParser.cs:142, whose
// `!canOpen || canClose` Release evaluates eagerly, one branch past the switch. A `break;` after `if (c) { n++; }` in a switch
// section that keeps its own `br` ran also when the condition's branch went past that `br`.
public static class Target
{
    public static void Run()
    {
        Kind(0, true, true);                            // hit
        Kind(2, true, false);                           // hit
        Kind(1, false, false);                          // hit
        Single('x', "7");                               // hit
        Sum(new[] { 1, -1 });                           // hit
        Angle(2, true, false);                          // hit
    }

    private static int Kind(int type, bool open, bool close)
    {
        var result = 0;                                 // hit
        switch (type)                                   // hit br=3/4
        {
            case 0:
                if (open && !close)                     // hit br=2/4
                {
                    result = 1;                         // miss
                }
                else if (!open && close)                // hit br=1/4
                {
                    result = 2;                         // miss
                }
                else
                {
                    return -1;                          // hit
                }
                break;                                  // miss
            case 1:
                result = 5;                             // hit
                if (open)                               // hit br=1/2
                {
                    result++;                           // miss
                }
                break;                                  // hit
            case 2:
                if (close)                              // hit br=1/2
                {
                    result = 7;                         // miss
                }
                break;                                  // hit
        }
        return result * 3;                              // hit
    }

    private static int Single(char bullet, string start)
    {
        var index = 0;                                  // hit
        switch (bullet)                                 // hit br=1/2
        {
            case '1':
                int.TryParse(start, out index);         // miss
                break;                                  // miss
        }
        return index;                                   // hit
    }

    private static int Sum(int[] values)
    {
        var sum = 0;                                    // hit
        for (var i = 0; i < values.Length; i++)         // hit br=2/2
        {
            if (values[i] > 0)                          // hit br=2/2
            {
                sum += values[i];                       // hit
            }
            else
            {
                sum -= 1;                               // hit
            }
            continue;                                   // hit
        }
        return sum;                                     // hit
    }

    private static int Angle(int type, bool canOpen, bool canClose)
    {
        var post = 0;                                   // hit
        switch (type)                                   // hit br=1/3
        {
            case 1:
                post = 1;                               // miss
                break;                                  // miss
            case 2:
                post = 2;                               // hit
                if (!canOpen || canClose)               // hit br=2/4
                {
                    return -1;                          // miss
                }
                break;                                  // hit
        }
        return post;                                    // hit
    }
}
