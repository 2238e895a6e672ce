namespace FxApi.Domain;

/// <summary>A validated pair of supported currency codes: one <see cref="Base"/> buys the rate in <see cref="Quote"/>.</summary>
public readonly record struct CurrencyPair(string Base, string Quote)
{
    public bool IsIdentity => Base == Quote;

    public CurrencyPair Inverse => new(Quote, Base);

    public override string ToString() => $"{Base}/{Quote}";

    /// <summary>Validates both codes; errors name <paramref name="baseField"/> or <paramref name="quoteField"/>.</summary>
    public static CurrencyPair From(string? baseCurrency, string? quoteCurrency, string baseField = "base", string quoteField = "quote") =>
        new(Currencies.Require(baseCurrency, baseField), Currencies.Require(quoteCurrency, quoteField));
}
