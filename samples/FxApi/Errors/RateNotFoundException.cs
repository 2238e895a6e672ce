using FxApi.Domain;

namespace FxApi.Errors;

/// <summary>No stored rate, direct, inverse or cross, connects two currencies; answered 404.</summary>
public sealed class RateNotFoundException(CurrencyPair pair)
    : Exception($"No {pair} rate is stored, directly, inversely or through the pivot currency.")
{
    public CurrencyPair Pair { get; } = pair;
}
