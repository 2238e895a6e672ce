using System.Xml.Linq;
using FlowCover.Reporting;
using Xunit;

namespace FlowCover.Tests.Reporting;

public sealed class CoberturaReportTests
{
    private static XDocument Render()
    {
        var writer = new StringWriter();
        CoberturaReport.Write(CoverageAnalysis.Analyze(SampleData.Create(), SampleData.Root), writer, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), SampleData.Root);
        return XDocument.Parse(writer.ToString());
    }

    [Fact]
    public void Totals_classes_and_methods_use_the_users_names()
    {
        var coverage = Render().Root!;
        Assert.Equal("0.5714", coverage.Attribute("line-rate")!.Value);
        Assert.Equal("0.5", coverage.Attribute("branch-rate")!.Value);
        Assert.Equal("4", coverage.Attribute("lines-covered")!.Value);
        Assert.Equal("7", coverage.Attribute("lines-valid")!.Value);
        Assert.Equal("1700000000", coverage.Attribute("timestamp")!.Value);
        var service = coverage.Descendants("class").Single(c => c.Attribute("name")!.Value == "App.Service");
        Assert.Equal("Service.cs", service.Attribute("filename")!.Value);
        Assert.Equal(["Get", "Unused"], service.Descendants("method").Select(m => m.Attribute("name")!.Value));
        Assert.Equal("App", coverage.Descendants("package").Single().Attribute("name")!.Value);
    }

    [Fact]
    public void Only_real_decisions_are_branches()
    {
        var lines = Render().Root!.Element("packages")!.Descendants("class").First().Element("lines")!.Elements("line").ToList();
        var decision = lines.Single(l => l.Attribute("number")!.Value == "11");
        Assert.Equal("true", decision.Attribute("branch")!.Value);
        Assert.Equal("50% (1/2)", decision.Attribute("condition-coverage")!.Value);
        Assert.All(lines.Where(l => l != decision), l =>
        {
            Assert.Equal("false", l.Attribute("branch")!.Value);
            Assert.Null(l.Attribute("condition-coverage"));
        });
    }
}
