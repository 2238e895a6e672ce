using FlowCover.Data;

namespace FlowCover.Reporting;

/// <summary>
/// <c>--fail-under</c>, decided as coverage.py decides it: the total is rounded to the report's
/// precision before the comparison, so a table that shows 80% never fails a minimum of 80; but
/// a minimum of 100 means really 100, because the display never rounds up to it.
/// </summary>
public static class FailUnder
{
    /// <summary>True when <paramref name="totals"/> fall short of <paramref name="minimum"/> percent.</summary>
    /// <exception cref="UserError">The minimum is not a percentage (0 to 100).</exception>
    public static bool IsBelow(Counts totals, double minimum, int precision)
    {
        if (!(minimum is >= 0 and <= 100))
            throw new UserError($"--fail-under {minimum}: use a percentage from 0 to 100.");
        var total = totals.Percent;
        if (minimum == 100.0 && total != 100.0)
            return true;
        return CoverFormat.Round(total, precision) < minimum;
    }
}
