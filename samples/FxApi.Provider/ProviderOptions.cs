namespace FxApi.Provider;

/// <summary>The <c>Provider</c> configuration section.</summary>
public sealed class ProviderOptions
{
    public const string Section = "Provider";

    /// <summary>
    /// A fault per base currency, e.g. <c>Provider:Faults:CHF=slow</c>: every request for that base
    /// fails that way. A request can also ask for one with <c>?fault=</c> or the <c>X-Provider-Fault</c> header.
    /// </summary>
    public Dictionary<string, ProviderFault> Faults { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a <see cref="ProviderFault.Slow"/> answer takes (or until the caller gives up).</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The date the rates are published for; today (UTC) when not set.</summary>
    public DateOnly? Date { get; set; }
}
