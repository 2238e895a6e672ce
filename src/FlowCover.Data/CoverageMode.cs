namespace FlowCover.Data;

/// <summary>How probes record execution, as Go's cover modes. In JSON <c>"set"</c> or <c>"count"</c>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseModeConverter))]
public enum CoverageMode
{
    /// <summary>One byte per probe, set to 1: the cheapest probe, enough for line and branch rates.</summary>
    Set,

    /// <summary>One 64-bit counter per probe, incremented atomically: exact execution counts.</summary>
    Count,
}
