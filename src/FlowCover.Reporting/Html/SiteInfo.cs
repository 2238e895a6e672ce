namespace FlowCover.Reporting.Html;

/// <summary>What every page of one report shares: options, whether branches were measured,
/// and when it was made.</summary>
internal sealed record SiteInfo(HtmlReportOptions Options, bool ShowBranches, DateTimeOffset Created)
{
    public string Percent(Counts counts) => CoverFormat.Percent(counts, Options.Precision);
}
