// methods: Target.Run, Target.Parse, Target.Fail
using System;
using System.Diagnostics.CodeAnalysis;

namespace FlowCover.Targets.SmokeDoesNotReturn;

public static class Target
{
    public static void Run()
    {
        Parse("7");                                     // hit
        try
        {
            Parse("x");                                 // hit
        }
        catch (FormatException)                         // hit
        {
        }
    }

    private static int Parse(string text)
    {
        if (int.TryParse(text, out var value))          // hit br=2/2
            return value;                               // hit
        Fail(text);                                     // hit
        return default;
    }

    [DoesNotReturn]
    private static void Fail(string text)
    {
        throw new FormatException(text);                // hit
    }
}
