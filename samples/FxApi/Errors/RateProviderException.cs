namespace FxApi.Errors;

/// <summary>The remote rate provider failed (timeout, error status, unreadable body); answered 502.</summary>
public sealed class RateProviderException(string message, Exception? innerException = null) : Exception(message, innerException);
