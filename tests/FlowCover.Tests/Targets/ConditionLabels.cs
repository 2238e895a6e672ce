using System;

namespace FlowCover.Targets.ConditionLabels;

public sealed class Shipment
{
    public string Carrier { get; init; } = "";          // hit
    public double WeightKg { get; init; }
}

// The label gaps of docs/annotations.md, "How reports name an outcome", closed: pattern
// combinators and relational parts, property patterns, `&&`/`||` kept as a value, `?:` used as a
// condition, an `is` whose value is kept. Each decision line lists its outcomes after `labels:`
// (`+` taken, `-` not); OutcomeLabelTests asserts them in Debug and Release.
public static class Target
{
    public static void Run()
    {
        NotPositive(5);                                     // hit
        InRange(5);                                         // hit
        InRange(20);                                        // hit
        NoRates(null);                                      // hit
        NoRates([1]);                                       // hit
        Cheap(new Shipment { Carrier = "DHL", WeightKg = 10 });  // hit
        Cheap(new Shipment { Carrier = "UPS", WeightKg = 0 });   // hit
        Both(1, 0);                                         // hit
        Either(0, 1);                                       // hit
        Chosen(true, 1, 0);                                 // hit
        IsText("a");                                        // hit
        Positive(3);                                        // hit
        SomeRates([1]);                                     // hit
        NoneKept([1]);                                      // hit
        Named("k");                                         // hit
    }

    private static bool Pos(int x) => x > 0;            // hit

    private static int NotPositive(int x)
    {
        if (x is not > 0)                                   // hit br=1/2 labels: -true | +false
            return 0;                                       // miss
        return 1;                                           // hit
    }

    private static int InRange(int n)
    {
        if (n is > 0 and < 10)                              // hit br=3/4 labels: +is > 0 true | -is > 0 false | +is < 10 true | +is < 10 false
            return 1;                                       // hit
        return 0;                                           // hit
    }

    private static int NoRates(int[]? rates)
    {
        if (rates is null or [])                            // hit br=3/4 labels: +is null true | +is null false | -is [] true | +is [] false
            return 0;                                       // hit
        return rates.Length;                                // hit
    }

    private static bool Cheap(Shipment s)
    {
        if (s is { Carrier: "DHL", WeightKg: < 30 })        // hit br=3/4 labels: +Carrier: "DHL" true | +Carrier: "DHL" false | +WeightKg: < 30 true | -WeightKg: < 30 false
            return true;                                    // hit
        return s is { Carrier: "UPS", WeightKg: > 0 };      // hit br=2/4 labels: +Carrier: "UPS" true | -Carrier: "UPS" false | -WeightKg: > 0 true | +WeightKg: > 0 false
    }

    private static bool Both(int a, int b)
    {
        var ok = Pos(a) && Pos(b);                // hit br=2/4 labels: +Pos(a) true | -Pos(a) false | -Pos(b) true | +Pos(b) false
        return ok;                                          // hit
    }

    private static bool Either(int a, int b)
    {
        return Pos(a) || Pos(b);                  // hit br=2/4 labels: -Pos(a) true | +Pos(a) false | +Pos(b) true | -Pos(b) false
    }

    private static int Chosen(bool f, int a, int b)
    {
        if (f ? Pos(a) : Pos(b))                  // hit br=2/4 labels: +f true | -f false | +f ? Pos(a) : Pos(b) true | -f ? Pos(a) : Pos(b) false
            return 1;                                       // hit
        return 0;                                           // miss
    }

    private static bool IsText(object value)
    {
        var isText = value is string;                       // hit br=1/2 labels: +true | -false
        return isText;                                      // hit
    }

    private static bool Positive(int x) => x is > 0;        // hit br=1/2 labels: +true | -false

    private static int SomeRates(int[]? rates)
    {
        if (rates is not (null or []))                      // hit br=2/4 labels: -is null true | +is null false | -is [] true | +is [] false
            return 1;                                       // hit
        return 0;                                           // miss
    }

    private static bool NoneKept(int[]? rates) => rates is null or [];  // hit br=2/4 labels: -is null true | +is null false | -is [] true | +is [] false

    private static string? Find(string? key) => key;        // hit

    private static int Named(string? key)
    {
        if (Find(key) is not { } found)                     // hit br=1/2 labels: -true | +false
            return 0;                                       // miss
        return found.Length;                                // hit
    }
}
