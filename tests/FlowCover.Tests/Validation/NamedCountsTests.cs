using FlowCover.Reporting;
using Xunit;

namespace FlowCover.Tests.Validation;

/// <summary>
/// The oracle BuildsAgreeTests sorts its differences by: which pairs of a line's outcomes in the
/// two builds prove a wrong count, and which only differ in form.
/// </summary>
public sealed class NamedCountsTests
{
    private static OutcomeResult[] Outcomes(params (string Label, long Hits)[] outcomes) =>
        [.. outcomes.Select(o => new OutcomeResult(o.Label, 0, o.Hits))];

    [Fact]
    public void A_name_with_other_counts_is_a_wrong_count()
    {
        var why = NamedCounts.Wrong(Outcomes(("x > 1 true", 2), ("x > 1 false", 1)), Outcomes(("x > 1 true", 3), ("x > 1 false", 0)));

        Assert.Equal("`x > 1 false` Release 0, Debug 1; `x > 1 true` Release 3, Debug 2", why);
    }

    [Fact]
    public void A_bare_pair_that_is_the_whole_decision_in_both_builds_is_a_name()
    {
        // 66:3233, `if (arr is [_, ..]) return t; return t;`: the same runs cannot be 4/1 and 5/0.
        var why = NamedCounts.Wrong(Outcomes(("true", 4), ("false", 1)), Outcomes(("true", 5), ("false", 0)));

        Assert.Equal("`false` Release 0, Debug 1; `true` Release 5, Debug 4", why);
    }

    [Fact]
    public void A_bare_pair_beside_the_jump_form_is_no_name()
    {
        // The jump form's edges may hold some of the runs a bare label holds in the other build.
        var why = NamedCounts.Wrong(
            Outcomes(("true", 4), ("false", 1)),
            Outcomes(("true", 3), ("false", 1), ("the jump to line 9", 1), ("going on to line 8", 4)));

        Assert.Null(why);
    }

    [Fact]
    public void Bare_labels_that_differ_between_the_builds_are_no_name()
    {
        // Release folds the null test into the property test's failure: a sum, not a wrong count.
        var why = NamedCounts.Wrong(
            Outcomes(("null", 1), ("not null", 3), ("property matched", 2), ("property not matched", 1)),
            Outcomes(("property matched", 2), ("property not matched", 2)));

        Assert.Null(why);
    }

    [Fact]
    public void The_same_bare_pair_with_the_same_counts_agrees()
    {
        Assert.Null(NamedCounts.Wrong(Outcomes(("null", 2), ("not null", 3)), Outcomes(("not null", 3), ("null", 2))));
    }
}
