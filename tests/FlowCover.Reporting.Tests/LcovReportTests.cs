using FlowCover.Reporting.Tests.Fixtures;
using Xunit;

namespace FlowCover.Reporting.Tests;

public sealed class LcovReportTests
{
    [Fact]
    public void Records_are_exact()
    {
        Assert.Equal(
            """
            TN:
            SF:Contracts/IClock.cs
            FN:5,IClock.Now
            FNDA:0,IClock.Now
            FNF:1
            FNH:0
            LF:0
            LH:0
            end_of_record
            TN:
            SF:Data/Repo.cs
            FN:3,Repo<T>.Repo
            FN:5,Repo<T>.Find
            FNDA:1,Repo<T>.Repo
            FNDA:1,Repo<T>.Find
            FNF:2
            FNH:2
            BRDA:7,0,0,2
            BRDA:7,0,1,0
            BRDA:8,0,0,1
            BRDA:8,0,1,1
            BRF:4
            BRH:3
            DA:3,1
            DA:7,1
            DA:8,2
            DA:9,1
            DA:10,0
            LF:5
            LH:4
            end_of_record
            TN:
            SF:Services/OrderService.cs
            FN:10,OrderService.Price
            FN:20,OrderService.Describe
            FN:35,OrderService.Notify
            FN:41,OrderService.Unused
            FNDA:3,OrderService.Price
            FNDA:3,OrderService.Describe
            FNDA:1,OrderService.Notify
            FNDA:0,OrderService.Unused
            FNF:4
            FNH:3
            BRDA:13,0,0,3
            BRDA:13,0,1,0
            BRDA:15,0,0,0
            BRDA:15,0,1,3
            BRDA:22,0,0,2
            BRDA:22,0,1,0
            BRDA:22,0,2,1
            BRDA:37,0,0,1
            BRDA:37,0,1,0
            BRF:9
            BRH:5
            DA:12,3
            DA:13,3
            DA:14,3
            DA:15,3
            DA:16,0
            DA:17,3
            DA:22,3
            DA:25,2
            DA:27,0
            DA:31,1
            DA:37,1
            DA:38,1
            DA:43,0
            DA:44,0
            DA:46,0
            LF:15
            LH:10
            end_of_record
            TN:
            SF:Util.cs
            FN:5,Util.Twice
            FNDA:4,Util.Twice
            FNF:1
            FNH:1
            DA:5,4
            LF:1
            LH:1
            end_of_record

            """, Render.With(w => LcovReport.Write(Shop.Result(), w)));
    }

    [Fact]
    public void Branches_of_a_line_that_never_ran_are_dashes_and_names_stay_unique()
    {
        var missed = new LineResult(12, 0, [new OutcomeResult("true", 13, 0), new OutcomeResult("false", 14, 0)]);
        var overload = new MethodResult("App.S", "S.Get", 12, [missed]);
        var other = new MethodResult("App.S", "S.Get", 20, []);
        var generic = new MethodResult("App.S", "S.Map<K, V>", 30, []);
        var file = new FileResult("/a/S.cs", "S.cs", "App", [missed], [overload, other, generic]);
        var lcov = Render.With(w => LcovReport.Write(new CoverageResult(FlowCover.Data.CoverageMode.Set, [file]), w));
        Assert.Contains("BRDA:12,0,0,-\nBRDA:12,0,1,-\nBRF:2\nBRH:0\n", lcov);
        Assert.Contains("FN:12,S.Get (line 12)\nFN:20,S.Get (line 20)\nFN:30,S.Map<K;V>\n", lcov);
    }

    [Fact]
    public void Genhtml_reads_it_without_a_warning()
    {
        using var temp = new TempDirectory();
        Shop.WriteSources(temp);
        var result = CoverageAnalysis.Analyze(Shop.Data(temp.Path), temp.Path);
        File.WriteAllText(temp.File("coverage.lcov"), Render.With(w => LcovReport.Write(result, w)));

        var (exitCode, output, error) = ExternalTool.GenHtml.Run(temp.Path, TimeSpan.FromMinutes(2),
            "--branch-coverage", "--function-coverage", "--output-directory", "html", "coverage.lcov");

        Assert.True(exitCode == 0, $"genhtml exited with {exitCode}:\n{error}\n{output}");
        Assert.Equal("", error);
        // genhtml's own summary agrees with our figures: 15 of 21 lines, 8 of 13 branches, and 6 of 7
        // functions (it drops the record of the file without statements, and its function with it).
        Assert.Contains("lines......: 71.4% (15 of 21 lines)", output);
        Assert.Contains("functions..: 85.7% (6 of 7 functions)", output);
        Assert.Contains("branches...: 61.5% (8 of 13 branches)", output);
        Assert.True(File.Exists(Path.Combine(temp.Path, "html", "index.html")));
    }
}
