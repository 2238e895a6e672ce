using FlowCover.Data;

namespace FlowCover.Reporting.Contexts;

/// <summary>
/// What one HTTP route reaches (<c>flowcover endpoints</c>): the methods its requests ran any line
/// of, with how much of each they ran. Whatever test sent the request, in whatever process the
/// server ran, the route's contexts together.
/// </summary>
/// <param name="Route">The route template with its method, <c>GET /fx/{base}/{quote}</c>.</param>
/// <param name="Methods">The methods reached, by file then line, each with the file it is in and
/// its figures counted over what the route ran.</param>
public sealed record EndpointCoverage(string Route, IReadOnlyList<(string File, MethodResult Method)> Methods)
{
    /// <summary>The reached methods' figures together.</summary>
    public Counts Totals { get; } = Counts.Sum(Methods.Select(m => m.Method.Counts));

    /// <param name="limited">The data limited to the route's contexts (<see cref="ContextCoverage.Limit"/>).</param>
    public static EndpointCoverage Of(string route, CoverageData limited, string root)
    {
        var result = CoverageAnalysis.Analyze(limited, root);
        return new EndpointCoverage(route, result.Files
            .SelectMany(f => f.Methods.Where(m => m.Lines.Any(l => l.Covered)).Select(m => (f.Name, m)))
            .ToList());
    }
}
