// methods: Target.Run, Target.SkipInForeach, Target.BreakAtLoopEnd, Target.ElseBreak, Target.GotoFromLoop, Target.BreakAfterReturn, Target.ElseIfContinue, Target.EmptyStatements, Target.SwitchOnLocal
using System;
using System.Collections.Generic;

namespace FlowCover.Targets.ReleaseGuardedJumps;

// Jumps that are one way of an `if`: Release folds each into the condition's branch and gives it
// no instruction of its own, so the branch that goes to the jump's target is the jump.
public static class Target
{
    public static void Run()
    {
        SkipInForeach(new List<int> { 1, -2, 3 });      // hit
        BreakAtLoopEnd(true, 3);                        // hit
        ElseBreak(4);                                   // hit
        GotoFromLoop(new[] { 1, 7, 2 });                // hit
        BreakAfterReturn(1, 0);                         // hit
        BreakAfterReturn(1, 9);                         // hit
        ElseIfContinue(5);                              // hit
        EmptyStatements(3);                             // hit
        SwitchOnLocal("a=");                            // hit
    }

    // Release gives a switch on a local no point of its own, its dispatch a hidden one: the
    // header is still the line, and its cases the header's decision.
    private static int SwitchOnLocal(string text)
    {
        var kinds = 0;                                  // hit
        for (var i = 0; i < text.Length; i++)           // hit br=2/2
        {
            var c = text[i];                            // hit
            switch (c)                                  // hit br=2/4
            {
                case 'a':
                    kinds += 1;                         // hit
                    break;                              // hit
                case '=':
                    kinds += 10;                        // hit
                    break;                              // hit
                case '>':
                    return -1;                          // miss
            }
        }
        return kinds;                                   // hit
    }

    // An empty statement does nothing: no line, though Debug gives it a point on a nop.
    private static int EmptyStatements(int n)
    {
        if (n > 2)                                      // hit br=1/2
            goto end;                                   // hit
        {
            n++;                                        // miss
        };
    end:;
        return n;                                       // hit
    }

    private static int SkipInForeach(List<int> values)
    {
        var sum = 0;                                    // hit
        foreach (var value in values)                   // hit br=2/2
        {
            if (value < 0)                              // hit br=2/2
            {
                continue;                               // hit
            }
            if (value > 100)                            // hit br=1/2
            {
                continue;                               // miss
            }
            sum += value;                               // hit
        }
        return sum;                                     // hit
    }

    private static int BreakAtLoopEnd(bool on, int limit)
    {
        var n = 0;                                      // hit
        if (on)                                         // hit br=1/2
        {
            while (true)                                // hit
            {
                n++;                                    // hit
                if (n >= limit)                         // hit br=2/2
                    break;                              // hit
                if (n > 100)                            // hit br=1/2
                    break;                              // miss
            }
        }
        return n;                                       // hit
    }

    private static int ElseBreak(int limit)
    {
        var n = 0;                                      // hit
        while (true)                                    // hit
        {
            if (n < limit)                              // hit br=2/2
            {
                n += 2;                                 // hit
            }
            else
            {
                break;                                  // hit
            }
        }
        while (true)                                    // hit
        {
            if (n > 0)                                  // hit br=1/2
                n--;                                    // hit
            else
                break;                                  // miss
            if (n < 2)                                  // hit br=2/2
                return n;                               // hit
        }
        return -n;                                      // miss
    }

    private static int GotoFromLoop(int[] values)
    {
        var found = -1;                                 // hit
        for (var i = 0; i < values.Length; i++)         // hit br=1/2
        {
            found = values[i];                          // hit
            if (found > 5)                              // hit br=2/2
            {
                goto done;                              // hit
            }
        }
        found = 0;                                      // miss
    done:
        return found;                                   // hit
    }

    private static int BreakAfterReturn(int kind, int n)
    {
        switch (kind)                                   // hit br=1/3
        {
            case 1:
                if (n > 5)                              // hit br=2/2
                {
                    return -1;                          // hit
                }
                break;                                  // hit
            case 2:
                return 2;                               // miss
        }
        return n;                                       // hit
    }

    private static int ElseIfContinue(int limit)
    {
        var odd = 0;                                    // hit
        for (var i = 0; i < limit; i++)                 // hit br=2/2
        {
            if (i % 2 == 0)                             // hit br=2/2
            {
                odd += 0;                               // hit
            }
            else if (i > 100)                           // hit br=1/2
            {
                continue;                               // miss
            }
            else
            {
                odd++;                                  // hit
            }
        }
        return odd;                                     // hit
    }
}
