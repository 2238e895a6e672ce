using System;

namespace FlowCover.Targets.GenericReceiverCopy;

public interface IBuilder
{
    void Add(Action<int> a);
}

public sealed class Builder : IBuilder
{
    public int Total;

    public void Add(Action<int> a) => a(1);             // hit
}

public struct ValueBuilder : IBuilder
{
    public void Add(Action<int> a) => a(2);             // hit
}

// A call on a receiver of a type parameter whose arguments are computed after the receiver
// (here a lambda capturing xs) is preceded by the compiler's `default(TB) == null` test: copy
// the receiver first when TB is a reference type. No decision of the user's.
public static class Target
{
    private static int s_sum;

    public static void Run()
    {
        new Builder().Generic(1, 2);                    // hit
        new ValueBuilder().Generic(3);                  // hit
    }

    public static TB Generic<TB>(this TB builder, params int[] xs) where TB : IBuilder
    {
        builder.Add(v => s_sum += xs.Length + v);       // hit
        return builder;                                 // hit
    }
}
