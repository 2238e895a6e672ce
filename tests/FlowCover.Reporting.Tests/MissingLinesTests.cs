using Xunit;

namespace FlowCover.Reporting.Tests;

/// <summary>The Missing column never names a jump that happened.</summary>
public sealed class MissingLinesTests
{
    private static LineResult Line(int line, long hits, params (string Label, int Target, long Hits)[] outcomes) =>
        new(line, hits, outcomes.Select(o => new OutcomeResult(o.Label, o.Target, o.Hits)).ToList());

    [Fact]
    public void A_jump_no_outcome_took_is_named_as_coverage_py_names_it()
    {
        Assert.Equal("24->28", MissingLines.Format([Line(24, 1, ("true", 25, 1), ("false", 28, 0)), Line(25, 1), Line(28, 1)]));
        Assert.Equal("37->exit", MissingLines.Format([Line(37, 1, ("true", 38, 1), ("false", 0, 0)), Line(38, 1)]));
    }

    [Fact]
    public void An_outcome_whose_jump_another_outcome_took_is_named_by_its_label()
    {
        // if (a && b): a false and b false both go to line 28; b false happened, a false never did.
        Assert.Equal("24:a false", MissingLines.Format([
            Line(24, 2, ("a false", 28, 0), ("b true", 25, 1), ("b false", 28, 1)), Line(25, 1), Line(28, 1)]));
        // return x ?? y; on one line: both ways leave the method, and one of them did.
        Assert.Equal("40:null", MissingLines.Format([Line(40, 1, ("not null", 0, 1), ("null", 0, 0))]));
    }

    [Fact]
    public void A_jump_to_a_missed_line_is_said_once_by_the_missed_line()
    {
        Assert.Equal("12-13", MissingLines.Format([Line(11, 1, ("true", 12, 0), ("false", 14, 1)), Line(12, 0), Line(13, 0), Line(14, 1)]));
    }
}
