using FlowCover.Data;
using FlowCover.Reporting;
using Xunit;

namespace FlowCover.Tests.Reporting;

public sealed class TextReportTests
{
    private static string Render(TextReportOptions options)
    {
        var writer = new StringWriter { NewLine = "\n" };
        TextReport.Write(CoverageAnalysis.Analyze(SampleData.Create(), SampleData.Root), writer, options);
        return writer.ToString();
    }

    [Fact]
    public void Table_has_coverage_py_columns_and_figures()
    {
        Assert.Equal(
            """
            Name         Stmts   Miss   Branch   BrPart   Cover
            ---------------------------------------------------
            Service.cs       6      3        2        1     50%
            Util.cs          1      0        0        0    100%
            ---------------------------------------------------
            TOTAL            7      3        2        1     56%

            """, Render(new TextReportOptions()));
    }

    [Fact]
    public void Missing_column_joins_ranges_and_names_partial_branches()
    {
        var table = Render(new TextReportOptions { ShowMissing = true, SkipCovered = true });
        Assert.Contains("Service.cs       6      3        2        1     50%   11->12, 12-13, 20", table);
        Assert.DoesNotContain("Util.cs ", table);
        Assert.Contains("TOTAL            7      3        2        1     56%", table);
        Assert.EndsWith("1 file skipped due to complete coverage.\n", table);
    }

    [Fact]
    public void Methods_are_listed_under_their_file()
    {
        var rows = Render(new TextReportOptions { Methods = true }).Split('\n')
            .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        var service = rows.IndexOf("Service.cs 6 3 2 1 50%");
        Assert.Equal(["Service.Get 5 2 2 1 57%", "Service.Unused 1 1 0 0 0%", "Util.cs 1 0 0 0 100%", "Util.Twice 1 0 0 0 100%"], rows[(service + 1)..(service + 5)]);
    }

    [Fact]
    public void Sort_by_cover_descending_and_unknown_columns_are_user_errors()
    {
        var table = Render(new TextReportOptions { Sort = "-cover" });
        Assert.True(table.IndexOf("Util.cs", StringComparison.Ordinal) < table.IndexOf("Service.cs", StringComparison.Ordinal));
        var error = Assert.Throws<UserError>(() => Render(new TextReportOptions { Sort = "size" }));
        Assert.Contains("--sort size", error.Message);
    }

    [Theory]
    [InlineData(0, "50%")]
    [InlineData(2, "55.56%")]
    public void Precision_sets_decimals(int precision, string expected)
    {
        Assert.Contains(expected, Render(new TextReportOptions { Precision = precision }));
    }

    [Fact]
    public void Nearly_complete_coverage_never_rounds_up_to_100()
    {
        var counts = new Counts(Statements: 1000, Missed: 1, Branches: 0, PartialLines: 0, MissedBranches: 0);
        Assert.Equal("99%", CoverFormat.Percent(counts, 0));
        Assert.Equal("0.1%", CoverFormat.Percent(new Counts(1000, 999, 0, 0, 0), 1));
    }

    [Fact]
    public void Markdown_has_the_same_rows()
    {
        var writer = new StringWriter { NewLine = "\n" };
        MarkdownReport.Write(CoverageAnalysis.Analyze(SampleData.Create(), SampleData.Root), writer, new TextReportOptions());
        Assert.Equal(
            """
            | Name | Stmts | Miss | Branch | BrPart | Cover |
            | --- | ---: | ---: | ---: | ---: | ---: |
            | `Service.cs` | 6 | 3 | 2 | 1 | 50% |
            | `Util.cs` | 1 | 0 | 0 | 0 | 100% |
            | **TOTAL** | **7** | **3** | **2** | **1** | **56%** |

            """, writer.ToString());
    }
}
