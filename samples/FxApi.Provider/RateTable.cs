namespace FxApi.Provider;

/// <summary>The provider's fixed rates, quoted against USD; other bases are crossed through USD.</summary>
public static class RateTable
{
    private static readonly Dictionary<string, decimal> PerUsd = new(StringComparer.Ordinal)
    {
        ["USD"] = 1m,
        ["EUR"] = 0.92m,
        ["GBP"] = 0.79m,
        ["JPY"] = 151.50m,
        ["CHF"] = 0.88m,
        ["CAD"] = 1.36m,
        ["AUD"] = 1.52m,
        ["SEK"] = 10.60m,
        ["NOK"] = 10.70m,
        // Gold is quoted by real providers, but the FxApi does not support it: its sync skips it.
        ["XAU"] = 0.00043m,
    };

    public static bool Quotes(string currency) => PerUsd.ContainsKey(currency);

    /// <summary>How many of each other currency one <paramref name="baseCurrency"/> buys.</summary>
    public static Dictionary<string, decimal> RatesFor(string baseCurrency)
    {
        var basePerUsd = PerUsd[baseCurrency];
        return PerUsd.Where(entry => entry.Key != baseCurrency)
            .ToDictionary(entry => entry.Key, entry => decimal.Round(entry.Value / basePerUsd, 6));
    }
}
