using System.Collections.Frozen;
using FxApi.Errors;

namespace FxApi.Domain;

/// <summary>The ISO 4217 codes the API accepts.</summary>
public static class Currencies
{
    private static readonly FrozenSet<string> Supported = FrozenSet.Create(StringComparer.Ordinal,
        "USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "SGD", "HKD");

    public static bool IsSupported(string code) => Supported.Contains(code);

    /// <summary>The upper-case code, or a validation error naming <paramref name="field"/>.</summary>
    public static string Require(string? code, string field)
    {
        if (string.IsNullOrWhiteSpace(code))
            throw new ValidationFailedException(field, "is required");
        var normalized = code.Trim().ToUpperInvariant();
        if (!Supported.Contains(normalized))
            throw new ValidationFailedException(field, $"'{code}' is not a supported currency");
        return normalized;
    }
}
