using FlowCover.Data;
using Xunit;

namespace FlowCover.Reporting.Tests;

/// <summary>
/// Method rows (<c>--methods</c>) add up to their file's row, also where lambdas share a line
/// with the method that writes them. The file, Gate.cs:
/// <code>
/// 10  var gate = Open();                                           // Map: ran
/// 11  var items = list.Where(x => x.Ok ? true : false)             // Map ran; lambda #1 ran, only "true";
///         .Select(x =>                                             //   lambda #2 never ran
/// 12  Log(items);                                                  // (lambda #2 body below)
/// 13      Convert(x));                                             // lambda #2: never ran
/// 15  bool Check(int v) => v > 0 &amp;&amp; all.Any(y => y == v);          // local function: ran; its lambda never ran
/// 16  ...                                                          // Check: never ran
/// </code>
/// The file counts line 11 once (it ran: Map's statement did) with both outcomes of lambda
/// #1's decision (one untaken: partial), and line 15 once (Check's statement ran). The lambda on
/// line 15 counts nothing in the table: its Cover reads "-", not a "100%" that would say it ran.
/// </summary>
public sealed class MethodRowsTests
{
    [Fact]
    public void A_shared_line_counts_in_the_enclosing_methods_row_and_a_decision_in_its_own()
    {
        Assert.Equal(
            """
            Name                                Stmts   Miss Branch BrPart  Cover   Missing
            -------------------------------------------------------------------------------
            Gate.cs                                 6      2      2      1    62%   11:false, 13, 16
              Gate.Map                              3      0      0      0   100%
              Gate.Map (lambda #1 at line 11)       0      0      2      1    50%   11:false
              Gate.Map (lambda #2 at line 11)       1      1      0      0     0%   13
              Gate.Map (lambda at line 15)          0      0      0      0      -
              Gate.Map (local function Check)       2      1      0      0    50%   16
            -------------------------------------------------------------------------------
            TOTAL                                   6      2      2      1    62%

            """, Render.With(w => TextReport.Write(Gate(), w, new TextReportOptions { Methods = true, ShowMissing = true })));
        var file = Gate().Files.Single();
        Assert.Equal(file.Counts, Counts.Sum(MethodRows.Of(file).Select(r => r.Counts)));
    }

    private static CoverageResult Gate()
    {
        var methods = new List<MethodModel>
        {
            new("App.Gate", "Gate.Map", 0, 10, [Line(10, 0), Line(11, 1), Line(12, 2)], []),
            new("App.Gate", "Gate.Map (lambda #1 at line 11)", 0, 11, [Line(11, 3)],
                [new BranchPoint(11, [new BranchOutcome([4], "true", 0), new BranchOutcome([5], "false", 0)])]),
            new("App.Gate", "Gate.Map (lambda #2 at line 11)", 0, 11, [Line(11, 6), Line(13, 7)], []),
            new("App.Gate", "Gate.Map (local function Check)", 0, 15, [Line(15, 8), Line(16, 9)], []),
            new("App.Gate", "Gate.Map (lambda at line 15)", 0, 15, [Line(15, 10)], []),
        };
        var module = new ModuleModel("App.1", "App", "1", 11, ["/src/app/Gate.cs"], methods);
        long[] hits = [1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0];
        return CoverageAnalysis.Analyze(new CoverageData(CoverageData.CurrentVersion, CoverageMode.Set, [new ModuleCoverage(module, hits)]), "/src/app");
    }

    private static LineProbe Line(int line, int probe) => new(line, [probe]);
}
