namespace FlowCover.Data;

/// <summary>
/// How probes record execution, as Go's cover modes. The one representation of a mode: its
/// number is what a hit file's header and the tracker baked into a module carry, its
/// <see cref="CoverageModes.Name"/> what JSON (the data file, the JSON report) and the command
/// line say.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseModeConverter))]
public enum CoverageMode
{
    /// <summary>One byte per probe, set to 1: the cheapest probe, enough for line and branch rates.</summary>
    Set = 0,

    /// <summary>One 64-bit counter per probe, incremented atomically: exact execution counts.</summary>
    Count = 1,
}

/// <summary>What follows from a <see cref="CoverageMode"/>.</summary>
public static class CoverageModes
{
    /// <summary>The bytes of one probe's counter in a hit file.</summary>
    public static int CounterBytes(this CoverageMode mode) => mode == CoverageMode.Count ? sizeof(long) : sizeof(byte);

    /// <summary><c>set</c> or <c>count</c>.</summary>
    public static string Name(this CoverageMode mode) => mode == CoverageMode.Count ? "count" : "set";

    /// <summary>Whether <paramref name="value"/> is a mode's number.</summary>
    public static bool IsMode(int value) => value is (int)CoverageMode.Set or (int)CoverageMode.Count;
}
