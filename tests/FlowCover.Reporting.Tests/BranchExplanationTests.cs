using FlowCover.Reporting.Html;
using Xunit;

namespace FlowCover.Reporting.Tests;

public sealed class BranchExplanationTests
{
    private static LineResult Line(long hits, params (string Label, long Hits)[] outcomes) =>
        new(7, hits, outcomes.Select(o => new OutcomeResult(o.Label, 8, o.Hits)).ToList());

    [Fact]
    public void Untaken_outcomes_are_named()
    {
        Assert.Equal("2 of 3 outcomes taken: b false never happened", BranchExplanation.Describe(Line(3, ("a true", 1), ("b true", 1), ("b false", 0))));
        Assert.Equal("1 of 4 outcomes taken: case 1, case 2 and default never happened",
            BranchExplanation.Describe(Line(3, ("case 0", 3), ("case 1", 0), ("case 2", 0), ("default", 0))));
        Assert.Equal("2 of 4 outcomes taken: false (2 times) never happened", BranchExplanation.Describe(Line(3, ("true", 1), ("false", 0), ("true", 1), ("false", 0))));
        Assert.Equal("0 of 2 outcomes taken: null and not null never happened", BranchExplanation.Describe(Line(1, ("null", 0), ("not null", 0))));
    }

    [Fact]
    public void Complete_and_missed_lines_need_no_words()
    {
        Assert.Null(BranchExplanation.Describe(Line(3, ("true", 1), ("false", 2))));
        Assert.Null(BranchExplanation.Describe(Line(0, ("true", 0), ("false", 0))));
        Assert.Null(BranchExplanation.Describe(Line(5)));
    }
}
