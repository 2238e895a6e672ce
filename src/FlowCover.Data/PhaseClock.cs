using System.Diagnostics;

namespace FlowCover.Data;

/// <summary>
/// With <c>FLOWCOVER_PHASES=1</c> in the environment, prints how long each step of a run took
/// and how much of it the collector paused, one line per step on standard error: where a slow
/// run's time went, measured rather than guessed (docs/instrumenting-speed.md). Off, it costs a
/// check of one field.
/// </summary>
public static class PhaseClock
{
    private static readonly bool On = Environment.GetEnvironmentVariable("FLOWCOVER_PHASES") == "1";
    private static readonly Lock Gate = new();
    private static long _last = Stopwatch.GetTimestamp();
    private static TimeSpan _lastPause = GC.GetTotalPauseDuration();
    private static long _lastAllocated = GC.GetTotalAllocatedBytes();

    /// <summary>Ends the step called <paramref name="step"/>, begun where the last one ended.</summary>
    public static void Lap(string step)
    {
        if (!On)
            return;
        lock (Gate)
        {
            var now = Stopwatch.GetTimestamp();
            var pause = GC.GetTotalPauseDuration();
            var allocated = GC.GetTotalAllocatedBytes();
            Console.Error.WriteLine($"flowcover: phase {step}: {Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds:F0} ms, " +
                $"GC pause {(pause - _lastPause).TotalMilliseconds:F0} ms, allocated {(allocated - _lastAllocated) >> 20} MB, collections so far {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, heap {GC.GetTotalMemory(false) >> 20} MB");
            _last = now;
            _lastPause = pause;
            _lastAllocated = allocated;
        }
    }
}
