namespace FlowCover.Targets.PropertyPattern;

public sealed class Shipment
{
    public string Carrier { get; init; } = "";          // hit
    public double WeightKg { get; init; }
}

public struct Parcel
{
    public string Carrier { get; init; }
    public double WeightKg { get; init; }
}

// A property pattern tests each property: 2 outcomes per subpattern. On a reference the
// compiler first tests for null; on a value declared non-nullable that test is no outcome of
// the user's (it can never be taken while the annotations hold).
public static class Target
{
    public static void Run()
    {
        Cheap(new Shipment { Carrier = "DHL", WeightKg = 10 });   // hit
        Cheap(new Shipment { Carrier = "UPS", WeightKg = 10 });   // hit
        Cheap(new Shipment { Carrier = "DHL", WeightKg = 40 });   // hit
        Heavy(new Shipment { Carrier = "DHL", WeightKg = 40 });   // hit
        Heavy(new Shipment { Carrier = "UPS", WeightKg = 40 });   // hit
        Light(new Parcel { Carrier = "DHL", WeightKg = 10 });     // hit
        Light(new Parcel { Carrier = "UPS", WeightKg = 10 });     // hit
    }

    private static bool Cheap(Shipment s)
    {
        return s is { Carrier: "DHL", WeightKg: < 30 };  // hit br=4/4
    }

    private static bool Heavy(Shipment s)
    {
        if (s is { Carrier: "DHL", WeightKg: >= 30 })    // hit br=3/4
            return true;                                 // hit
        return false;                                    // hit
    }

    private static bool Light(Parcel p)
    {
        if (p is { Carrier: "DHL", WeightKg: < 30 })     // hit br=3/4
            return true;                                 // hit
        return false;                                    // hit
    }
}
