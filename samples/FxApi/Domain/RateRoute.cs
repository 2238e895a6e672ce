namespace FxApi.Domain;

/// <summary>How a conversion found its rate.</summary>
public enum RateRoute
{
    /// <summary>From and to are the same currency.</summary>
    Identity,
    /// <summary>A stored from/to rate.</summary>
    Direct,
    /// <summary>One over a stored to/from rate.</summary>
    Inverse,
    /// <summary>Through the pivot currency: from/pivot times pivot/to.</summary>
    Cross,
}
