// methods: Target.RunAsync, Target.Drain, Target.DrainAny
using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace FlowCover.Targets.AsyncFinallyDecision;

// A decision the user wrote in the finally of an async method: the finally starts with the
// state machine's hidden test (skip it while suspending), but what follows is the user's.
public static class Target
{
    public static async Task RunAsync()
    {
        await Drain(new List<int> { 1 }.GetEnumerator());       // hit
        await DrainAny(new List<int> { 1 }.GetEnumerator());    // hit
    }

    private static async Task Drain(IEnumerator<int> e)
    {
        try
        {
            await Task.Yield();                                 // hit
        }
        finally
        {
            if (e is IDisposable d)                             // hit br=1/2
                d.Dispose();                                    // hit
        }
    }

    // Not statically disposable: an `isinst` of the user's, not the emulated finally's.
    private static async Task DrainAny(IEnumerator e)
    {
        try
        {
            await Task.Yield();                                 // hit
        }
        finally
        {
            if (e is IDisposable d)                             // hit br=1/2
                d.Dispose();                                    // hit
        }
    }
}
