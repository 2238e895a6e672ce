namespace FxApi.Provider;

/// <summary>The ways the provider can be told to misbehave.</summary>
public enum ProviderFault
{
    None,
    /// <summary>Answer only after <see cref="ProviderOptions.SlowDelay"/>: callers time out.</summary>
    Slow,
    /// <summary>Answer 503 with a plain-text body.</summary>
    Error,
    /// <summary>Answer 200 with a body that claims to be JSON and is not.</summary>
    Garbage,
}
