using System;
using System.Text;

namespace FlowCover.Targets.InterpolatedHandler;

// An interpolated string passed to a handler parameter compiles to the handler's constructor
// (with an `out bool` saying whether to append) and one Append call per part, each returning
// whether to go on. Those checks are the handler's protocol, not decisions of the user's.
public static class Target
{
    public static void Run()
    {
        Write(1, 2);                                    // hit
        Write(123456, 7890123);                         // hit
        Build("x", 3);                                  // hit
    }

    private static int Write(int a, int b)
    {
        Span<char> span = stackalloc char[8];           // hit
        var ok = span.TryWrite($"{a}-{b}", out var n);  // hit
        return ok ? n : -1;                             // hit br=2/2
    }

    private static string Build(string name, int count)
    {
        var builder = new StringBuilder();              // hit
        builder.Append($"{name}: {count}");             // hit
        return builder.ToString();                      // hit
    }
}
