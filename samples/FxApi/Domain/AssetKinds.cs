using FxApi.Errors;

namespace FxApi.Domain;

/// <summary>Reads an <see cref="AssetKind"/> from request text, by name only (never by number).</summary>
public static class AssetKinds
{
    public static AssetKind Require(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ValidationFailedException(field, "is required");
        foreach (var kind in Enum.GetValues<AssetKind>())
        {
            if (string.Equals(kind.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase))
                return kind;
        }
        throw new ValidationFailedException(field, $"'{value}' is not one of {string.Join(", ", Enum.GetNames<AssetKind>())}");
    }
}
