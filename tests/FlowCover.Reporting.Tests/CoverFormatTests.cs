using FlowCover.Data;
using Xunit;

namespace FlowCover.Reporting.Tests;

public sealed class CoverFormatTests
{
    /// <summary>Expected values printed by coverage.py's own <c>display_covered</c>.</summary>
    [Theory]
    [InlineData(62.5, 0, "62")]
    [InlineData(12.5, 0, "12")]
    [InlineData(13.5, 0, "14")]
    [InlineData(0.5, 0, "1")]
    [InlineData(99.5, 0, "99")]
    [InlineData(99.49, 0, "99")]
    [InlineData(0.04, 1, "0.1")]
    [InlineData(99.96, 1, "99.9")]
    [InlineData(2.675, 2, "2.67")]
    [InlineData(12.345, 2, "12.35")]
    [InlineData(66.66666666666667, 0, "67")]
    [InlineData(66.66666666666667, 3, "66.667")]
    [InlineData(100.0, 2, "100.00")]
    [InlineData(0.0, 2, "0.00")]
    [InlineData(55.55555555555556, 2, "55.56")]
    [InlineData(67.6470588235294, 1, "67.6")]
    [InlineData(2.5, 0, "2")]
    [InlineData(97.5, 0, "98")]
    [InlineData(81.25, 1, "81.2")]
    [InlineData(18.75, 1, "18.8")]
    [InlineData(0.05, 0, "1")]
    [InlineData(99.95, 1, "99.9")]
    [InlineData(99.95, 2, "99.95")]
    public void Percent_is_shown_as_coverage_py_shows_it(double percent, int precision, string expected)
    {
        Assert.Equal(expected, CoverFormat.Number(percent, precision));
    }

    [Fact]
    public void Cover_column_never_claims_100_or_0_wrongly()
    {
        Assert.Equal("99%", CoverFormat.Percent(new Counts(1000, 1, 0, 0, 0), 0));
        Assert.Equal("1%", CoverFormat.Percent(new Counts(1000, 999, 0, 0, 0), 0));
        Assert.Equal("0.1%", CoverFormat.Percent(new Counts(1000, 999, 0, 0, 0), 1));
        Assert.Equal("100%", CoverFormat.Percent(new Counts(0, 0, 0, 0, 0), 0));
    }

    [Theory]
    [InlineData(79.6, 80, 0, false)] // shown as 80%: meets 80
    [InlineData(79.4, 80, 0, true)]
    [InlineData(79.96, 80, 1, false)]
    [InlineData(79.94, 80, 1, true)]
    [InlineData(99.99, 100, 0, true)] // 100 means really 100
    [InlineData(100, 100, 0, false)]
    [InlineData(0, 0, 0, false)]
    public void Fail_under_rounds_to_the_precision_first(double percent, double minimum, int precision, bool fails)
    {
        // A result whose Percent is exactly the value: 10,000 statements, the rest missed.
        var executed = (int)Math.Round(percent * 100);
        var counts = new Counts(10_000, 10_000 - executed, 0, 0, 0);
        Assert.Equal(fails, FailUnder.IsBelow(counts, minimum, precision));
    }

    [Fact]
    public void Fail_under_outside_0_to_100_is_a_user_error()
    {
        var error = Assert.Throws<UserError>(() => FailUnder.IsBelow(new Counts(1, 0, 0, 0, 0), 101, 0));
        Assert.Equal("--fail-under 101: use a percentage from 0 to 100.", error.Message);
    }

    [Fact]
    public void Names_sort_as_people_expect()
    {
        string[] names = ["Step10.cs", "step1.cs", "Step2.cs", "Step02.cs", "A/B.cs", "Step1.cs"];
        Assert.Equal(["A/B.cs", "Step1.cs", "Step02.cs", "Step2.cs", "Step10.cs", "step1.cs"], names.Order(HumanOrder.Instance));
    }
}
