using System.Text.RegularExpressions;

namespace FlowCover.Tests.Validation;

/// <summary>The expectation of one annotated line (docs/annotations.md).</summary>
public sealed record LineExpectation(int Line, bool Hit, int? BranchesTaken, int? Branches);

/// <summary>Parses <c>// hit</c>, <c>// miss</c> and <c>br=K/N</c> trailing comments.</summary>
public static partial class Annotations
{
    [GeneratedRegex(@"//\s*(?<state>hit|miss)\b(\s+br=(?<taken>\d+)/(?<total>\d+))?")]
    private static partial Regex Expectation();

    public static IReadOnlyList<LineExpectation> Parse(string source)
    {
        var result = new List<LineExpectation>();
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var match = Expectation().Match(lines[i]);
            if (!match.Success)
                continue;
            result.Add(new LineExpectation(i + 1, match.Groups["state"].Value == "hit",
                match.Groups["taken"].Success ? int.Parse(match.Groups["taken"].Value) : null,
                match.Groups["total"].Success ? int.Parse(match.Groups["total"].Value) : null));
        }
        return result;
    }

    /// <summary>The <c>// methods: A, B</c> header of a target, if any.</summary>
    public static IReadOnlyList<string>? ExpectedMethods(string source)
    {
        var header = source.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith("// methods:", StringComparison.Ordinal));
        return header?.Trim()["// methods:".Length..].Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
