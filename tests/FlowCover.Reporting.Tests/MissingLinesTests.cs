using Xunit;

namespace FlowCover.Reporting.Tests;

/// <summary>The Missing column names an untaken outcome by the source's words for it, and by
/// coverage.py's jump only where the source could not name it; never a jump that happened.</summary>
public sealed class MissingLinesTests
{
    private static LineResult Line(int line, long hits, params (string Label, int Target, long Hits)[] outcomes) =>
        new(line, hits, outcomes.Select(o => new OutcomeResult(o.Label, o.Target, o.Hits)).ToList());

    [Fact]
    public void An_outcome_the_source_names_is_printed_by_its_label()
    {
        Assert.Equal("24:false", MissingLines.Format([Line(24, 1, ("true", 25, 1), ("false", 28, 0)), Line(25, 1), Line(28, 1)]));
        // `quantity == 0 ? "empty" : "items"` on one line, the condition never false: both ways leave the method.
        Assert.Equal("13:false", MissingLines.Format([Line(13, 1, ("true", 0, 1), ("false", 0, 0))]));
        // if (a && b): a false and b false both go to line 28; b false happened, a false never did.
        Assert.Equal("24:a false", MissingLines.Format([
            Line(24, 2, ("a true", 25, 1), ("a false", 28, 0), ("b true", 25, 1), ("b false", 28, 1)), Line(25, 1), Line(28, 1)]));
        Assert.Equal("40:null", MissingLines.Format([Line(40, 1, ("not null", 0, 1), ("null", 0, 0))]));
        Assert.Equal("16:case 3, 16:default", MissingLines.Format([Line(16, 1, ("case 1", 17, 1), ("case 3", 19, 0), ("default", 21, 0)), Line(17, 1), Line(19, 1), Line(21, 1)]));
    }

    [Fact]
    public void An_outcome_the_source_cannot_name_is_the_jump_coverage_py_names()
    {
        Assert.Equal("24->28", MissingLines.Format([Line(24, 1, ("going on to line 25", 25, 1), ("the jump to line 28", 28, 0)), Line(25, 1), Line(28, 1)]));
        Assert.Equal("37->exit", MissingLines.Format([Line(37, 1, ("the jump to line 38", 38, 1), ("going on to the method's exit", 0, 0)), Line(38, 1)]));
    }

    /// <summary><c>=&gt; x is [] or null</c> keeps the jump form, and every outcome leaves the
    /// method: <c>10->exit</c> for one not taken would say the method was never left from line 10.</summary>
    [Fact]
    public void A_jump_that_another_outcome_made_is_counted_not_denied()
    {
        Assert.Equal("10:1 of 2 ways to exit not taken", MissingLines.Format([
            Line(10, 1, ("the jump to the method's exit", 0, 0), ("going on to the method's exit", 0, 1))]));
        Assert.Equal("10:2 of 4 ways to exit not taken", MissingLines.Format([
            Line(10, 1, ("the jump to the method's exit", 0, 0), ("going on to the method's exit", 0, 1), ("the jump to the method's exit", 0, 1), ("going on to the method's exit", 0, 0))]));
        // Two ways to line 13 (a `?.` whose test goes on to the statement's own), one taken; the other way, to 15, never.
        Assert.Equal("12->15, 12:1 of 2 ways to line 13 not taken", MissingLines.Format([
            Line(12, 1, ("the jump to line 13", 13, 0), ("going on to line 13", 13, 1), ("the jump to line 15", 15, 0)), Line(13, 1), Line(15, 1)]));
        // A source-named outcome to the same place: the one jump-form way there is said by its label.
        Assert.Equal("7:the jump to the method's exit", MissingLines.Format([Line(7, 1, ("null", 0, 1), ("the jump to the method's exit", 0, 0))]));
    }

    [Fact]
    public void An_outcome_into_a_missed_line_is_said_once_by_the_missed_line()
    {
        Assert.Equal("12-13", MissingLines.Format([Line(11, 1, ("true", 12, 0), ("false", 14, 1)), Line(12, 0), Line(13, 0), Line(14, 1)]));
        Assert.Equal("12-13", MissingLines.Format([Line(11, 1, ("the jump to line 12", 12, 0), ("going on to line 14", 14, 1)), Line(12, 0), Line(13, 0), Line(14, 1)]));
    }
}
