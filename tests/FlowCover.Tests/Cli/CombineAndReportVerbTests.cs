using System.Xml.Linq;
using Xunit;

namespace FlowCover.Tests.Cli;

/// <summary><c>combine</c> and the file-report verbs on real runs of a real program.</summary>
public sealed class CombineAndReportVerbTests
{
    private readonly FlowCoverProcess _flowcover = new();
    private readonly TestApp _app = TestApp.Create("Workload", Workload.Source);

    private string RunTo(string dataFile, string mode)
    {
        var result = _flowcover.Run(_app.Directory, "run", "--data-file", dataFile, "--target", _app.BinDirectory, "--", "dotnet", _app.Dll, mode);
        Assert.True(result.ExitCode is 0 or 3, result.Error);
        return Path.Combine(_app.Directory, dataFile);
    }

    [Fact]
    public void Combine_gives_the_same_bytes_in_any_order_and_sums_the_runs()
    {
        var ok = RunTo("ok.flowcover", "ok");
        var fail = RunTo("fail.flowcover", "fail");
        Assert.Equal(0, _flowcover.Run(_app.Directory, "combine", ok, fail, "--data-file", "ab.flowcover").ExitCode);
        Assert.Equal(0, _flowcover.Run(_app.Directory, "combine", fail, ok, "--data-file", "ba.flowcover").ExitCode);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_app.Directory, "ab.flowcover")), File.ReadAllBytes(Path.Combine(_app.Directory, "ba.flowcover")));

        var report = _flowcover.Run(_app.Directory, "report", "--data-file", "ab.flowcover", "--show-missing");
        Assert.Equal(0, report.ExitCode);
        var missing = report.Output.Split('\n').Single(l => l.StartsWith("Workload.cs", StringComparison.Ordinal));
        Assert.DoesNotContain($" {Workload.LineOf("Work(1);")},", missing + ",");
        Assert.DoesNotContain($" {Workload.LineOf("Work(2);")},", missing + ",");
    }

    [Fact]
    public void A_data_file_an_editor_saved_with_a_byte_order_mark_reports_the_same()
    {
        var plain = RunTo("plain.flowcover", "ok");
        File.WriteAllBytes(Path.Combine(_app.Directory, "bom.flowcover"), [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(plain)]);
        var expected = _flowcover.Run(_app.Directory, "report", "--data-file", "plain.flowcover", "--show-missing");
        var withMark = _flowcover.Run(_app.Directory, "report", "--data-file", "bom.flowcover", "--show-missing");
        Assert.Equal(0, withMark.ExitCode);
        Assert.Equal(expected.Output, withMark.Output);
    }

    [Fact]
    public void Combine_refuses_two_different_builds_of_one_assembly()
    {
        var first = RunTo("first.flowcover", "ok");
        var other = TestApp.Create("Workload", Workload.Source.Replace("s_total += 42;", "s_total += 43;"));
        var second = _flowcover.Run(other.Directory, "run", "--target", other.BinDirectory, "--", "dotnet", other.Dll, "ok");
        Assert.Equal(0, second.ExitCode);
        var combined = Path.Combine(_app.Directory, "combined.flowcover");

        var result = _flowcover.Run(_app.Directory, "combine", first, Path.Combine(other.Directory, ".flowcover"), "--data-file", combined);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Workload was measured in 2 different builds", result.Error);
        Assert.False(File.Exists(combined));
    }

    [Fact]
    public void File_reports_are_written_where_asked()
    {
        RunTo(".flowcover", "ok");
        Assert.Equal(0, _flowcover.Run(_app.Directory, "xml", "-o", "c.xml").ExitCode);
        Assert.Equal(0, _flowcover.Run(_app.Directory, "lcov", "-o", "c.lcov").ExitCode);
        Assert.Equal(0, _flowcover.Run(_app.Directory, "json", "-o", "c.json").ExitCode);
        Assert.Equal(0, _flowcover.Run(_app.Directory, "html", "-d", "site").ExitCode);
        Assert.Equal("coverage", XDocument.Load(Path.Combine(_app.Directory, "c.xml")).Root!.Name.LocalName);
        Assert.Contains("SF:", File.ReadAllText(Path.Combine(_app.Directory, "c.lcov")));
        Assert.Contains("\"format\": \"flowcover-report\"", File.ReadAllText(Path.Combine(_app.Directory, "c.json")));
        Assert.True(File.Exists(Path.Combine(_app.Directory, "site", "index.html")));
        var diff = _flowcover.Run(_app.Directory, "diff", ".flowcover", ".flowcover", "--all", "--format", "markdown");
        Assert.Equal(0, diff.ExitCode);
        Assert.Contains("Workload.cs", diff.Output);
    }
}
