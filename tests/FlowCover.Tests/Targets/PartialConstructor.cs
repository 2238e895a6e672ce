// methods: Target.Run, Widget.NeverCalled, Widget.Widget
using System;
using System.Collections.Generic;

namespace FlowCover.Targets.PartialConstructor;

// A constructor whose initializers lie here and whose body lies in PartialConstructorBody.cs:
// each file has the constructor's lines and decisions that are in it, at its own line numbers.
public partial class Widget
{
    public List<int> Items { get; } = new();                            // hit
    public int Size { get; } = Environment.ProcessorCount > 0 ? 1 : 2;  // hit br=1/2
    public bool Auto { get; set; } = false;                             // hit

    public void NeverCalled()
    {
        Console.WriteLine("never");                                     // miss
    }
}

public static class Target
{
    public static void Run()
    {
        _ = new Widget(1);                                              // hit
    }
}
