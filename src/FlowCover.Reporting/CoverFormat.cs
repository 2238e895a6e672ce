using System.Globalization;

namespace FlowCover.Reporting;

/// <summary>
/// How a coverage percentage is shown. Like coverage.py, a rounded figure never claims 100%
/// while something is missed, nor 0% when something ran: 99.9% shows as 99%, not 100%.
/// </summary>
public static class CoverFormat
{
    public static string Percent(Counts counts, int precision)
    {
        var factor = Math.Pow(10, precision);
        var value = Math.Round(counts.Percent * factor, MidpointRounding.AwayFromZero) / factor;
        var total = counts.Statements + counts.Branches;
        var covered = counts.Executed + counts.TakenBranches;
        if (value >= 100 && covered < total)
            value = 100 - 1 / factor;
        else if (value <= 0 && covered > 0)
            value = 1 / factor;
        return value.ToString("F" + precision, CultureInfo.InvariantCulture) + "%";
    }
}
