namespace FxApi.Hosting;

/// <summary>The <c>FxApi</c> configuration section.</summary>
public sealed class FxApiOptions
{
    public const string Section = "FxApi";

    /// <summary>The SQLite file; relative paths are under the content root. Default: <c>fxapi.db</c>.</summary>
    public string DatabasePath { get; set; } = "fxapi.db";

    /// <summary>Where the rate provider answers <c>GET v1/rates/{base}</c>.</summary>
    public Uri ProviderBaseUrl { get; set; } = new("http://127.0.0.1:5081/");

    /// <summary>How long a sync waits for the provider before answering 502.</summary>
    public TimeSpan ProviderTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The currency cross conversions go through when no direct or inverse rate exists.</summary>
    public string PivotCurrency { get; set; } = "USD";
}
