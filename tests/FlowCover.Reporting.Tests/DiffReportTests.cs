using FlowCover.Reporting.Tests.Fixtures;
using Xunit;

namespace FlowCover.Reporting.Tests;

/// <summary>
/// BEFORE is the Shop fixture. AFTER is a later run: OrderService gained (line 16 and the
/// Unused block ran, Notify's line 38 no longer did: 62.5% → 79.2%), Repo lost (line 9 no longer
/// ran: 77.8% → 55.6%), IClock is unchanged, Util.cs is gone and Extra.cs is new (1 of 2 lines).
/// </summary>
public sealed class DiffReportTests
{
    private const string Root = "/src/shop";

    private static CoverageResult Before() => Shop.Result(Root);

    private static CoverageResult After()
    {
        var data = Shop.Data(Root,
            new Dictionary<int, long> { [4] = 1, [8] = 1, [21] = 1, [22] = 1, [23] = 1, [18] = 0, [19] = 0, [20] = 1 },
            new Dictionary<int, long> { [3] = 0, [7] = 0 });
        var files = CoverageAnalysis.Analyze(data, Root).Files.Where(f => f.Name != "Util.cs").ToList();
        var line1 = new LineResult(1, 1, []);
        var line2 = new LineResult(2, 0, []);
        files.Add(new FileResult("/src/shop/Extra.cs", "Extra.cs", "Shop", [line1, line2], [new MethodResult("Shop.Extra", "Extra.Go", 1, [line1, line2])]));
        return new CoverageResult(data.Mode, files);
    }

    [Fact]
    public void Terminal_table_puts_regressions_first_and_one_sided_files_last()
    {
        Assert.Equal(
            """
            Name                       Before   After   Delta   Covered+   Missed+
            ----------------------------------------------------------------------
            Data/Repo.cs                  78%     56%    -22%          0         1
            Services/OrderService.cs      62%     79%    +17%          4         1
            Extra.cs (added)                -     50%       -          1         1
            Util.cs (removed)            100%       -       -          0         0
            ----------------------------------------------------------------------
            TOTAL                         68%     71%     +4%          5         3

            1 unchanged file not shown.

            """, Render.With(w => DiffReport.Write(Before(), After(), w, new DiffReportOptions())));
    }

    [Fact]
    public void Markdown_table_with_line_lists()
    {
        Assert.Equal(
            """
            | Name | Before | After | Delta | Covered+ | Missed+ | Newly covered | Newly missed |
            | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |
            | Data/Repo.cs | 78% | 56% | -22% | 0 | 1 |  | 9 |
            | Services/OrderService.cs | 62% | 79% | +17% | 4 | 1 | 16, 43-46 | 38 |
            | Extra.cs (added) | - | 50% | - | 1 | 1 | 1 | 2 |
            | Util.cs (removed) | 100% | - | - | 0 | 0 |  |  |
            | **TOTAL** | **68%** | **71%** | **+4%** | **5** | **3** |  |  |

            1 unchanged file not shown.

            """, Render.With(w => DiffReport.Write(Before(), After(), w, new DiffReportOptions { Markdown = true, ShowLines = true })));
    }

    [Fact]
    public void Unchanged_files_can_be_kept_and_precision_applies_to_every_figure()
    {
        var table = Render.With(w => DiffReport.Write(Before(), After(), w, new DiffReportOptions { SkipUnchanged = false, Precision = 1 }));
        Assert.Contains("Contracts/IClock.cs        100.0%   100.0%     0.0%          0         0\n", table);
        Assert.Contains("Data/Repo.cs                77.8%    55.6%   -22.2%          0         1\n", table);
        Assert.DoesNotContain("not shown", table);
    }

    [Fact]
    public void Comparing_a_result_with_itself_changes_nothing()
    {
        var diff = CoverageDiff.Compare(Before(), Before());
        Assert.All(diff.Files, f => Assert.True(f.Unchanged));
        Assert.Equal(0, diff.Delta);
    }

    [Theory]
    [InlineData(16.666666666666664, 0, "+17%")]
    [InlineData(-0.3, 0, "-0%")]
    [InlineData(0.0, 1, "0.0%")]
    public void Delta_keeps_its_sign(double delta, int precision, string expected)
    {
        Assert.Equal(expected, DiffReport.Signed(delta, precision));
    }
}
