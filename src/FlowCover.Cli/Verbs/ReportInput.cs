using FlowCover.Data;
using FlowCover.Reporting;

namespace FlowCover.Cli.Verbs;

/// <summary>
/// The data file a report verb reads, analysed, refused when it measured nothing: a report of no
/// statements would read 100% and pass <c>--fail-under</c>, so every report verb says
/// coverage.py's "No data to report" instead, exit code 2. A source edited since the build, or
/// gone, is one warning line each on stderr.
/// </summary>
internal static class ReportInput
{
    /// <param name="warnings">Where to say which sources changed or are gone; null to keep
    /// quiet (the older side of a diff was measured on older sources).</param>
    public static CoverageResult Load(string dataFile, TextWriter? warnings)
    {
        var result = CoverageAnalysis.Analyze(CoverageDataFile.Read(dataFile));
        if (result.Totals.Statements == 0)
            throw new UserError($"{dataFile}: No data to report (it holds no measured statements); measure again with 'flowcover run' or 'flowcover test', choosing the code with --target, --include or --source.");
        if (warnings is not null)
            foreach (var warning in SourceCheck.Warnings(result))
                warnings.WriteLine(warning);
        return result;
    }
}
