// methods: Target.Run, Holder.Holder, Empty.Empty, Failing.Failing, Failing.Fail, Counters.Counters (static)
using System;
using System.Collections.Generic;

namespace FlowCover.Targets.ReleaseDefaultInitializers;

// Initializers to a default value: Release compiles them to nothing (the field holds that value
// already), yet each runs when the constructor reaches it, and is a line in both builds.
public static class Target
{
    public static void Run()
    {
        _ = new Holder(2);                              // hit
        _ = new Holder();                               // hit
        _ = new Empty();                                // hit
        try
        {
            _ = new Failing();                          // hit
        }
        catch (InvalidOperationException)               // hit
        {
        }
        _ = Counters.Total;                             // hit
    }
}

public sealed class Holder
{
    private int _count = 0;                             // hit
    public string Name { get; private set; } = null!;   // hit
    public List<int> Items { get; } = new();            // hit
    private bool _ready = false;                        // hit
    private Shade _shade = Shade.None;                  // hit
    private Shade _tone = Shade.Light;                  // hit
    private int _limit = NoLimit;                       // hit

    private const int NoLimit = 0;

    public Holder(int n)
    {
        _count += n;                                    // hit
        _ready = n > 1;                                 // hit
        Name = _ready ? "many" : "one";                 // hit br=2/2
    }

    public Holder() : this(1)                           // hit
    {
        Items.Add(_count + (int)_shade + (int)_tone + _limit); // hit
    }
}

// A named constant of the default value (an enum's member of value 0, a const 0) is a default
// too: Release has no code for it, which is how it tells.
public enum Shade { None, Light }

public sealed class Empty
{
    private object? _value = null;                      // hit

    public Empty()
    {
        Console.Write(_value);                          // hit
    }
}

public sealed class Failing
{
    private readonly int _first = Fail();               // hit
    private readonly string? _second = default;         // miss
    private readonly Shade _third = Shade.None;         // miss

    public Failing()
    {
        Console.Write(_first + _second + _third);       // miss
    }

    private static int Fail() => throw new InvalidOperationException(); // hit
}

public static class Counters
{
    private static int _calls = 0;                      // hit
    public static int Total = 1 + _calls;               // hit
}
