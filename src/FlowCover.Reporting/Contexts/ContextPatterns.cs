using System.Text.RegularExpressions;
using FlowCover.Data;
using FlowCover.Data.Contexts;

namespace FlowCover.Reporting.Contexts;

/// <summary>
/// The contexts <c>--context PATTERN</c> picks: as coverage.py's <c>--contexts</c>, each pattern
/// is a regular expression searched for in the test's fully qualified name and in the route, and
/// a context is picked when any pattern is found in either (<c>FxTests</c>, <c>^MyApp\.Tests\.Orders\.</c>,
/// <c>GET /fx</c>).
/// </summary>
public sealed class ContextPatterns
{
    private readonly IReadOnlyList<Regex> _patterns;

    private ContextPatterns(IReadOnlyList<Regex> patterns) => _patterns = patterns;

    public static ContextPatterns Parse(IEnumerable<string> patterns) =>
        new(patterns.Select(p =>
        {
            try
            {
                return new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw new UserError($"--context {p}: not a regular expression ({e.Message.ReplaceLineEndings(" ")}); escape special characters such as '(' with a backslash.", e);
            }
        }).ToList());

    public bool Matches(ContextName context) =>
        _patterns.Any(p => p.IsMatch(context.Test) || (context.Route is { } route && p.IsMatch(route)));
}
