using FlowCover.Reporting;
using Xunit;

namespace FlowCover.Tests.Validation;

/// <summary>Outcomes are named by the source (docs/annotations.md, "How reports name an outcome"):
/// the condition's value as written, never the branch instruction's; each operand of a chain, each
/// case and arm, a <c>when</c>, a null test; the jump form where the source cannot say. Read from
/// the validation targets' run (shared with ValidationTests).</summary>
public sealed class OutcomeLabelTests
{
    private static FileResult Target(string configuration, string name) =>
        TargetRun.For(configuration).Result.Files.Single(f => f.Path == Path.Combine(TargetRun.TargetsDirectory, name));

    private static int LineOf(string name, string text) =>
        Array.FindIndex(File.ReadAllLines(Path.Combine(TargetRun.TargetsDirectory, name)), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    /// <summary>Every line of Targets/OutcomeLabels.cs, ConditionLabels.cs, SourceLabels.cs, SwitchStacked.cs and FoldedLabels.cs that lists its
    /// outcomes after <c>labels:</c> (<c>+</c> taken, <c>-</c> not) has exactly those, in both builds.</summary>
    [Theory]
    [InlineData("Debug", "OutcomeLabels.cs")]
    [InlineData("Release", "OutcomeLabels.cs")]
    [InlineData("Debug", "ConditionLabels.cs")]
    [InlineData("Release", "ConditionLabels.cs")]
    [InlineData("Debug", "SourceLabels.cs")]
    [InlineData("Release", "SourceLabels.cs")]
    [InlineData("Debug", "SwitchStacked.cs")]
    [InlineData("Release", "SwitchStacked.cs")]
    [InlineData("Debug", "FoldedLabels.cs")]
    [InlineData("Release", "FoldedLabels.cs")]
    public void Every_outcome_has_the_label_its_annotation_gives(string configuration, string target)
    {
        var file = Target(configuration, target);
        var source = File.ReadAllLines(file.Path);
        var differences = new List<string>();
        for (var i = 0; i < source.Length; i++)
        {
            var match = System.Text.RegularExpressions.Regex.Match(source[i], @"//\s*(hit|miss)\b.*\blabels:(?<labels>.*)$");
            if (!match.Success)
                continue;
            var entries = match.Groups["labels"].Value.Split('|', StringSplitOptions.TrimEntries);
            var expected = entries.Order(StringComparer.Ordinal).ToList();
            // `~`: the jump form follows the IL, which Debug and Release lay out differently, so
            // which of its outcomes ran is not the source's to say, nor which is the branch's
            // jump: only where each goes is asserted (as the Missing column prints it, `142->143`).
            var either = entries.All(e => e.StartsWith('~'));
            if (either)
                expected = [.. expected.Select(WhereItGoes).Order(StringComparer.Ordinal)];
            var actual = file.Lines.SingleOrDefault(l => l.Line == i + 1)?.Outcomes
                .Select(o => either ? WhereItGoes("~" + o.Label) : $"{(o.Hits > 0 ? '+' : '-')}{o.Label}").Order(StringComparer.Ordinal).ToList() ?? [];
            if (!expected.SequenceEqual(actual))
                differences.Add($"line {i + 1}: expected {string.Join(" | ", expected)}; tool reports {string.Join(" | ", actual)}");
        }
        Assert.True(differences.Count == 0, $"{configuration}:\n" + string.Join('\n', differences));
    }

    private static string WhereItGoes(string label) =>
        label.Replace("the jump to ", "to ", StringComparison.Ordinal).Replace("going on to ", "to ", StringComparison.Ordinal);

    /// <summary>The Missing column prints a source label as <c>LINE:label</c> (the folded
    /// <c>quantity == 0 ? ...</c> never true) and the jump form as coverage.py's jump, or, where
    /// another outcome of the line made that jump, how many of its ways there never ran.</summary>
    [Theory]
    [InlineData("Debug")]
    [InlineData("Release")]
    public void Missing_uses_the_same_words(string configuration)
    {
        var missing = MissingLines.Format(Target(configuration, "OutcomeLabels.cs").Lines).Split(", ");
        var folded = LineOf("OutcomeLabels.cs", "quantity == 0 ? \"empty\"");
        var chain = LineOf("OutcomeLabels.cs", "if (a == null || b > 3)");
        var pattern = LineOf("OutcomeLabels.cs", "rates is [] or null");
        Assert.Contains($"{folded}:true", missing);
        Assert.Contains($"{chain}:b > 3 true", missing);
        Assert.Contains($"{LineOf("OutcomeLabels.cs", "rates is null or []")}:is null true", missing);
        // `rates is [] or null` keeps the jump form; two of its outcomes go to the `return 0;` below,
        // one taken: `144->145` would deny a jump that happened, so the column counts the ways.
        Assert.Contains($"{pattern}:1 of 2 ways to line {pattern + 1} not taken", missing);
        Assert.DoesNotContain($"{pattern}->{pattern + 1}", missing);
    }

    [Theory]
    [InlineData("Debug")]
    [InlineData("Release")]
    public void A_coalesce_is_null_or_not_null(string configuration)
    {
        var line = LineOf("ReleaseJumps.cs", "e.ParamName ?? \"\"");
        var labels = Target(configuration, "ReleaseJumps.cs").Lines.Single(l => l.Line == line).Outcomes.Select(o => o.Label).Order(StringComparer.Ordinal);
        Assert.Equal(["not null", "null"], labels);
    }

    /// <summary>Release folds <c>if (c) continue;</c> into the condition's branch: the outcome still
    /// goes on to the <c>continue</c> line, as in Debug, not to the loop's increment, and is still
    /// the condition's true.</summary>
    [Theory]
    [InlineData("Debug")]
    [InlineData("Release")]
    public void A_folded_jump_is_where_its_outcome_goes(string configuration)
    {
        var line = LineOf("ReleaseJumps.cs", "if (i > 100)");
        var outcomes = Target(configuration, "ReleaseJumps.cs").Lines.Single(l => l.Line == line).Outcomes.OrderBy(o => o.TargetLine).ToList();
        Assert.Equal([(line + 1, "true"), (line + 2, "false")], outcomes.Select(o => (o.TargetLine, o.Label)));
    }
}
