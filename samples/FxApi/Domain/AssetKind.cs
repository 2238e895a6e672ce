namespace FxApi.Domain;

public enum AssetKind
{
    Cash,
    Equity,
    Bond,
    Property,
    Crypto,
}
