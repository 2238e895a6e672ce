using FlowCover.Data;
using FlowCover.Reporting.Tests.Fixtures;
using Xunit;

namespace FlowCover.Reporting.Tests;

/// <summary>
/// The terminal table. Expected outputs were printed by coverage.py's own
/// <c>SummaryReporter.report_text</c> fed the same figures, so the layout is coverage.py's to
/// the space.
/// </summary>
public sealed class TextReportTests
{
    private static string Table(TextReportOptions options) => Render.With(w => TextReport.Write(Shop.Result(), w, options));

    [Fact]
    public void Table_has_coverage_py_columns_layout_and_total()
    {
        Assert.Equal(
            """
            Name                       Stmts   Miss Branch BrPart  Cover
            ------------------------------------------------------------
            Contracts/IClock.cs            0      0      0      0   100%
            Data/Repo.cs                   5      1      4      1    78%
            Services/OrderService.cs      15      5      9      4    62%
            Util.cs                        1      0      0      0   100%
            ------------------------------------------------------------
            TOTAL                         21      6     13      5    68%

            """, Table(new TextReportOptions()));
    }

    [Fact]
    public void Missing_column_merges_ranges_and_jumps_in_coverage_py_order()
    {
        Assert.Equal(
            """
            Name                       Stmts   Miss Branch BrPart  Cover   Missing
            ----------------------------------------------------------------------
            Contracts/IClock.cs            0      0      0      0   100%
            Data/Repo.cs                   5      1      4      1    78%   10
            Services/OrderService.cs      15      5      9      4    62%   13:false, 16, 27, 37:false, 43-46
            Util.cs                        1      0      0      0   100%
            ----------------------------------------------------------------------
            TOTAL                         21      6     13      5    68%

            """, Table(new TextReportOptions { ShowMissing = true }));
    }

    [Fact]
    public void Precision_widens_the_cover_column()
    {
        Assert.Equal(
            """
            Name                       Stmts   Miss Branch BrPart   Cover
            -------------------------------------------------------------
            Contracts/IClock.cs            0      0      0      0 100.00%
            Data/Repo.cs                   5      1      4      1  77.78%
            Services/OrderService.cs      15      5      9      4  62.50%
            Util.cs                        1      0      0      0 100.00%
            -------------------------------------------------------------
            TOTAL                         21      6     13      5  67.65%

            """, Table(new TextReportOptions { Precision = 2 }));
    }

    [Fact]
    public void Skipped_files_still_count_in_the_total_and_are_counted_below_it()
    {
        // coverage.py tests "complete" first, so the empty file counts as covered here.
        Assert.Equal(
            """
            Name                       Stmts   Miss Branch BrPart  Cover
            ------------------------------------------------------------
            Data/Repo.cs                   5      1      4      1    78%
            Services/OrderService.cs      15      5      9      4    62%
            ------------------------------------------------------------
            TOTAL                         21      6     13      5    68%

            2 files skipped due to complete coverage.

            """, Table(new TextReportOptions { SkipCovered = true, SkipEmpty = true }));
        Assert.EndsWith(
            """
            TOTAL                         21      6     13      5    68%

            1 empty file skipped.

            """, Table(new TextReportOptions { SkipEmpty = true }));
    }

    [Fact]
    public void Methods_are_listed_under_their_file_with_their_own_figures()
    {
        Assert.Equal(
            """
            Name                       Stmts   Miss Branch BrPart  Cover   Missing
            ----------------------------------------------------------------------
            Contracts/IClock.cs            0      0      0      0   100%
              IClock.Now                   0      0      0      0      -
            Data/Repo.cs                   5      1      4      1    78%   10
              Repo<T>.Repo                 1      0      0      0   100%
              Repo<T>.Find                 4      1      4      1    75%   10
            Services/OrderService.cs      15      5      9      4    62%   13:false, 16, 27, 37:false, 43-46
              OrderService.Price           6      1      4      2    70%   13:false, 16
              OrderService.Describe        4      1      3      1    71%   27
              OrderService.Notify          2      0      2      1    75%   37:false
              OrderService.Unused          3      3      0      0     0%   43-46
            Util.cs                        1      0      0      0   100%
              Util.Twice                   1      0      0      0   100%
            ----------------------------------------------------------------------
            TOTAL                         21      6     13      5    68%

            """, Table(new TextReportOptions { Methods = true, ShowMissing = true }));
    }

    [Theory]
    [InlineData("cover", new[] { "Services/OrderService.cs", "Data/Repo.cs", "Contracts/IClock.cs", "Util.cs" })]
    [InlineData("-Cover", new[] { "Util.cs", "Contracts/IClock.cs", "Data/Repo.cs", "Services/OrderService.cs" })]
    [InlineData("+miss", new[] { "Contracts/IClock.cs", "Util.cs", "Data/Repo.cs", "Services/OrderService.cs" })]
    [InlineData("-name", new[] { "Util.cs", "Services/OrderService.cs", "Data/Repo.cs", "Contracts/IClock.cs" })]
    [InlineData("BRANCH", new[] { "Contracts/IClock.cs", "Util.cs", "Data/Repo.cs", "Services/OrderService.cs" })]
    [InlineData("brpart", new[] { "Contracts/IClock.cs", "Util.cs", "Data/Repo.cs", "Services/OrderService.cs" })]
    [InlineData("stmts", new[] { "Contracts/IClock.cs", "Util.cs", "Data/Repo.cs", "Services/OrderService.cs" })]
    [InlineData("line%", new[] { "Services/OrderService.cs", "Data/Repo.cs", "Contracts/IClock.cs", "Util.cs" })]
    [InlineData("-branch%", new[] { "Util.cs", "Contracts/IClock.cs", "Data/Repo.cs", "Services/OrderService.cs" })]
    public void Sort_by_any_column_with_name_breaking_ties(string sort, string[] expected)
    {
        var names = Table(new TextReportOptions { Sort = sort }).Split('\n').Skip(2).Take(4).Select(l => l.Split(' ')[0]);
        Assert.Equal(expected, names);
    }

    [Fact]
    public void Unknown_sort_column_is_a_user_error_naming_the_valid_ones()
    {
        var error = Assert.Throws<UserError>(() => Table(new TextReportOptions { Sort = "size" }));
        Assert.Equal("--sort size: no such column; use one of name, stmts, miss, branch, brpart, cover, line%, branch% (prefix '-' to reverse).", error.Message);
    }

    /// <summary>
    /// Line% is executed statements over statements, Branch% taken outcomes over outcomes (what
    /// Coverlet calls line and branch coverage); nothing to measure is 100%, as Cover.
    /// Repo.cs: 4/5 = 80%, 3/4 = 75%. OrderService.cs: 10/15 = 66.7%, 5/9 = 55.6%.
    /// TOTAL: 15/21 = 71.4%, 8/13 = 61.5%.
    /// </summary>
    [Fact]
    public void Columns_add_line_and_branch_percentages_in_the_order_named()
    {
        Assert.Equal(
            """
            Name                       Stmts   Miss  Line% Branch BrPart  Branch%  Cover
            ----------------------------------------------------------------------------
            Contracts/IClock.cs            0      0   100%      0      0     100%   100%
            Data/Repo.cs                   5      1    80%      4      1      75%    78%
            Services/OrderService.cs      15      5    67%      9      4      56%    62%
            Util.cs                        1      0   100%      0      0     100%   100%
            ----------------------------------------------------------------------------
            TOTAL                         21      6    71%     13      5      62%    68%

            """, Table(new TextReportOptions { Columns = TableColumns.Parse(["stmts,miss,line%", "Branch", "BRPART", "branch%,cover"]) }));
    }

    [Fact]
    public void Columns_may_leave_out_and_reorder_and_Missing_follows_show_missing()
    {
        Assert.Equal(
            """
            Name                       Line%  Branch%   Missing
            ---------------------------------------------------
            Contracts/IClock.cs       100.0%   100.0%
            Data/Repo.cs               80.0%    75.0%   10
            Services/OrderService.cs   66.7%    55.6%   13:false, 16, 27, 37:false, 43-46
            Util.cs                   100.0%   100.0%
            ---------------------------------------------------
            TOTAL                      71.4%    61.5%

            """, Table(new TextReportOptions { Columns = TableColumns.Parse(["Line%", "Branch%"]), ShowMissing = true, Precision = 1 }));
        Assert.Equal(Table(new TextReportOptions { Columns = TableColumns.Parse(["Line%", "Branch%", "Missing"]), Precision = 1 }),
            Table(new TextReportOptions { Columns = TableColumns.Parse(["Line%", "Branch%"]), ShowMissing = true, Precision = 1 }));
    }

    [Fact]
    public void The_default_columns_named_give_the_default_table()
    {
        Assert.Equal(Table(new TextReportOptions { ShowMissing = true }),
            Table(new TextReportOptions { Columns = TableColumns.Parse(["Name,Stmts,Miss,Branch,BrPart,Cover,Missing"]) }));
    }

    [Fact]
    public void Unknown_column_is_a_user_error_naming_the_valid_ones()
    {
        var error = Assert.Throws<UserError>(() => TableColumns.Parse(["stmts,lines"]));
        Assert.Equal("--columns lines: no such column; use some of Name, Stmts, Miss, Line%, Branch, BrPart, Branch%, Cover, Missing.", error.Message);
    }

    [Fact]
    public void Without_branches_the_branch_columns_are_left_out()
    {
        var result = Shop.Result();
        var noBranches = new CoverageResult(result.Mode, [result.Files.Single(f => f.Name == "Util.cs")]);
        Assert.Equal(
            """
            Name      Stmts   Miss  Cover
            -----------------------------
            Util.cs       1      0   100%
            -----------------------------
            TOTAL         1      0   100%

            """, Render.With(w => TextReport.Write(noBranches, w, new TextReportOptions())));
    }

    [Fact]
    public void An_empty_result_prints_only_the_header_and_total()
    {
        var empty = new CoverageResult(CoverageMode.Set, []);
        Assert.Equal(
            """
            Name    Stmts   Miss  Cover
            ---------------------------
            TOTAL       0      0   100%

            """, Render.With(w => TextReport.Write(empty, w, new TextReportOptions())));
    }
}
