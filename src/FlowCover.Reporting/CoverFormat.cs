using System.Globalization;
using System.Numerics;

namespace FlowCover.Reporting;

/// <summary>
/// How a coverage percentage is shown, exactly as coverage.py's <c>display_covered</c> shows it:
/// a rounded figure never claims 100% while something is missed, nor 0% when something ran
/// (99.9% shows as 99%, 0.2% as 1%); everything else is rounded half to even on the exact value
/// of the double, as Python's <c>round</c> does, so the two tools print the same figures.
/// </summary>
public static class CoverFormat
{
    /// <summary>The Cover column: <c>56%</c>, or <c>55.56%</c> with precision 2.</summary>
    public static string Percent(Counts counts, int precision) => Number(counts.Percent, precision) + "%";

    /// <summary>A percentage without its sign, clamped away from 0 and 100 as coverage.py does.</summary>
    public static string Number(double percent, int precision)
    {
        var near0 = 1.0 / Math.Pow(10, precision);
        if (percent > 0 && percent < near0)
            percent = near0;
        else if (percent > 100.0 - near0 && percent < 100)
            percent = 100.0 - near0;
        return Fixed(percent, precision);
    }

    /// <summary>Python's <c>round(value, precision)</c>: half to even on the double's exact value.</summary>
    public static double Round(double value, int precision) =>
        double.Parse(Fixed(value, precision), CultureInfo.InvariantCulture);

    /// <summary>
    /// The double's exact binary value rounded half to even at <paramref name="precision"/>
    /// decimals. Scaling by a power of ten in floating point would round twice (12.345 is stored
    /// as 12.3449999...), so the scaling is done on the exact integer mantissa instead.
    /// </summary>
    public static string Fixed(double value, int precision)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(precision);
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "A percentage is a finite number.");
        var negative = value < 0;
        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
            exponent = 1;
        else
            mantissa |= 1L << 52;
        exponent -= 1075;
        var numerator = new BigInteger(mantissa) * BigInteger.Pow(10, precision);
        BigInteger scaled;
        if (exponent >= 0)
        {
            scaled = numerator << exponent;
        }
        else
        {
            var denominator = BigInteger.One << -exponent;
            scaled = BigInteger.DivRem(numerator, denominator, out var remainder);
            var twice = remainder * 2;
            if (twice > denominator || (twice == denominator && !scaled.IsEven))
                scaled += 1;
        }
        var digits = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(precision + 1, '0');
        var text = precision == 0 ? digits : digits[..^precision] + "." + digits[^precision..];
        return negative && !scaled.IsZero ? "-" + text : text;
    }
}
