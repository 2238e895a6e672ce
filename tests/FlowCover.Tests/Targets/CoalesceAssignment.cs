// methods: Target.Run, Target.Cached, Target.Local
using System.Collections.Generic;

namespace FlowCover.Targets.CoalesceAssignment;

// `??=` as a statement tests the variable itself, with no copy of it: still a null test the user
// wrote, named null / not null (docs/annotations.md), never a reference's truth.
public static class Target
{
    private static List<int>? _cache;

    public static void Run()
    {
        Cached();                                   // hit
        Cached();                                   // hit
        Local(null);                                // hit
    }

    private static List<int> Cached()
    {
        _cache ??= new List<int>();                 // hit br=2/2
        return _cache;                              // hit
    }

    private static int Local(List<int>? list)
    {
        list ??= new List<int> { 1 };               // hit br=1/2
        return list.Count;                          // hit
    }
}
