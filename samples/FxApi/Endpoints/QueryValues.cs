using System.Globalization;
using FxApi.Errors;

namespace FxApi.Endpoints;

/// <summary>
/// Query string values read by hand, so a missing or malformed one is answered with a problem
/// that names it (model binding would answer a bare 400).
/// </summary>
public static class QueryValues
{
    public static DateOnly RequireDate(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ValidationFailedException(field, "is required (yyyy-MM-dd)");
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw new ValidationFailedException(field, $"'{value}' is not a date (yyyy-MM-dd)");
        return date;
    }

    public static decimal RequireDecimal(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ValidationFailedException(field, "is required");
        if (!decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            throw new ValidationFailedException(field, $"'{value}' is not a number");
        return number;
    }
}
