using System.Xml.Linq;
using FlowCover.Reporting.Tests.Fixtures;
using Palmmedia.ReportGenerator.Core.CodeAnalysis;
using Palmmedia.ReportGenerator.Core.Parser;
using Palmmedia.ReportGenerator.Core.Parser.Filtering;
using Xunit;

namespace FlowCover.Reporting.Tests;

public sealed class CoberturaReportTests
{
    private static readonly DateTimeOffset Timestamp = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static string Xml() => Render.With(w => CoberturaReport.Write(Shop.Result(), w, Timestamp, "/src/shop"));

    [Fact]
    public void Output_is_exact_and_deterministic()
    {
        Assert.Equal(Expected.Replace("VERSION", ToolVersion.Current), Xml());
        Assert.Equal(Xml(), Xml());
    }

    [Fact]
    public void ReportGenerator_reads_the_same_figures_as_ours()
    {
        using var temp = new TempDirectory();
        Shop.WriteSources(temp);
        var result = CoverageAnalysis.Analyze(Shop.Data(temp.Path), temp.Path);
        var path = temp.File("coverage.cobertura.xml");
        using (var writer = new StreamWriter(path))
            CoberturaReport.Write(result, writer, Timestamp, temp.Path);

        Palmmedia.ReportGenerator.Core.Logging.LoggerFactory.VerbosityLevel = Palmmedia.ReportGenerator.Core.Logging.VerbosityLevel.Warning;
        var everything = new DefaultFilter(["+*"]);
        var parsed = new CoverageReportParser(1, 1, [], everything, everything, everything).ParseFiles([path]);

        Assert.True(parsed.SupportsBranchCoverage);
        Assert.Equal(["Shop", "Shop.Data"], parsed.Assemblies.Select(a => a.Name).Order());
        Assert.Equal(result.Totals.Executed, parsed.Assemblies.Sum(a => a.CoveredLines));
        Assert.Equal(result.Totals.Statements, parsed.Assemblies.Sum(a => a.CoverableLines));
        Assert.Equal(result.Totals.TakenBranches, parsed.Assemblies.Sum(a => a.CoveredBranches));
        Assert.Equal(result.Totals.Branches, parsed.Assemblies.Sum(a => a.TotalBranches));
        foreach (var file in result.Files.Where(f => f.Counts.Statements > 0))
        {
            var files = parsed.Assemblies.SelectMany(a => a.Classes).SelectMany(c => c.Files).Where(f => f.Path == file.Path).ToList();
            Assert.Equal((file.Name, file.Counts.Executed, file.Counts.Statements), (file.Name, files.Sum(f => f.CoveredLines), files.Sum(f => f.CoverableLines)));
            Assert.Equal((file.Name, file.Counts.TakenBranches, file.Counts.Branches), (file.Name, files.Sum(f => f.CoveredBranches ?? 0), files.Sum(f => f.TotalBranches ?? 0)));
        }
        var service = parsed.Assemblies.Single(a => a.Name == "Shop").Classes.Single(c => c.Name == "Shop.Services.OrderService");
        Assert.Equal(["Describe", "Notify", "Price", "Unused"], service.Files.Single().CodeElements.Select(m => m.Name).Order());
        var repo = parsed.Assemblies.Single(a => a.Name == "Shop.Data").Classes.Single();
        Assert.Equal("Shop.Data.Repo<T>", repo.Name);
    }

    /// <summary>
    /// ReportGenerator's risk hotspots read each method's <c>complexity</c> and work out its CRAP
    /// score from it and the method's line-rate: complexity² × (1 − line-rate)³ + complexity,
    /// rounded. Its default thresholds (complexity 15, CRAP 30) leave the small Shop without
    /// hotspots, so they are lowered to 1: every method with a decision, or with a miss, is one.
    /// Price: 1 + two ifs = 3, 5/6 of its lines ran: 9 × (1/6)³ + 3 = 3.04, shown as 3.
    /// Describe: a switch of three outcomes = 3, 3/4 ran: 9 × (1/4)³ + 3 = 3.14 → 3.
    /// Notify: one if = 2, every line ran: 2. Find: foreach + if = 3, 3/4 ran: 3.
    /// Unused: no decision = 1, nothing ran: 1 × 1³ + 1 = 2.
    /// </summary>
    [Fact]
    public void ReportGenerator_finds_risk_hotspots_from_the_complexity()
    {
        using var temp = new TempDirectory();
        Shop.WriteSources(temp);
        var path = temp.File("coverage.cobertura.xml");
        using (var writer = new StreamWriter(path))
            CoberturaReport.Write(CoverageAnalysis.Analyze(Shop.Data(temp.Path), temp.Path), writer, Timestamp, temp.Path);

        Palmmedia.ReportGenerator.Core.Logging.LoggerFactory.VerbosityLevel = Palmmedia.ReportGenerator.Core.Logging.VerbosityLevel.Warning;
        var everything = new DefaultFilter(["+*"]);
        var parsed = new CoverageReportParser(1, 1, [], everything, everything, everything).ParseFiles([path]);
        var thresholds = new RiskHotspotsAnalysisThresholds { MetricThresholdForCyclomaticComplexity = 1, MetricThresholdForCrapScore = 1 };
        // The analyzer behind its HTML "Risk Hotspots" table is internal; its interface is public.
        var analyzer = (IRiskHotspotsAnalyzer)Activator.CreateInstance(
            typeof(IRiskHotspotsAnalyzer).Assembly.GetType("Palmmedia.ReportGenerator.Core.CodeAnalysis.RiskHotspotsAnalyzer", throwOnError: true)!,
            [thresholds, false])!;
        var analysis = analyzer.PerformRiskHotspotAnalysis(parsed.Assemblies);

        Assert.True(analysis.CodeCodeQualityMetricsAvailable);
        var hotspots = analysis.RiskHotspots
            .Select(h => (h.Class.Name, h.MethodMetric.ShortName, string.Join(", ", h.StatusMetrics.Select(m => $"{m.Metric.Name}={m.Metric.Value}"))))
            .OrderBy(h => h.ShortName, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(
            [
                ("Shop.Services.OrderService", "Describe", "Crap Score=3, Cyclomatic complexity=3"),
                ("Shop.Data.Repo<T>", "Find", "Crap Score=3, Cyclomatic complexity=3"),
                ("Shop.Services.OrderService", "Notify", "Crap Score=2, Cyclomatic complexity=2"),
                ("Shop.Services.OrderService", "Price", "Crap Score=3, Cyclomatic complexity=3"),
                ("Shop.Services.OrderService", "Unused", "Crap Score=2, Cyclomatic complexity=1"),
            ],
            hotspots);
    }

    [Fact]
    public void Only_lines_with_decisions_are_branches()
    {
        var lines = XDocument.Parse(Xml()).Descendants("class").Single(c => (string?)c.Attribute("name") == "Shop.Services.OrderService")
            .Element("lines")!.Elements("line").ToList();
        Assert.Equal(["13", "15", "22", "37"], lines.Where(l => (string?)l.Attribute("branch") == "true").Select(l => (string)l.Attribute("number")!));
        Assert.All(lines.Where(l => (string?)l.Attribute("branch") == "false"), l => Assert.Null(l.Attribute("condition-coverage")));
        Assert.Equal("66% (2/3)", lines.Single(l => (string?)l.Attribute("number") == "22").Attribute("condition-coverage")!.Value);
    }

    [Theory]
    [InlineData("Service.Get", "App.Service", "Get")]
    [InlineData("Outer.Inner.Run", "App.Outer.Inner", "Run")]
    [InlineData("Repo<T>.Find (lambda at line 8)", "App.Repo<T>", "Find (lambda at line 8)")]
    [InlineData("Program (top-level statements)", "Program", "Program (top-level statements)")]
    public void Method_names_drop_their_type(string display, string type, string expected)
    {
        Assert.Equal(expected, CoberturaReport.MemberName(display, type));
    }

    private const string Expected = """
        <?xml version="1.0" encoding="utf-8"?>
        <!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">
        <coverage line-rate="0.7143" branch-rate="0.6154" lines-covered="15" lines-valid="21" branches-covered="8" branches-valid="13" complexity="15" version="VERSION" timestamp="1700000000">
          <sources>
            <source>/src/shop</source>
          </sources>
          <packages>
            <package name="Shop" line-rate="0.6875" branch-rate="0.5556" complexity="11">
              <classes>
                <class name="Shop.IClock" filename="Contracts/IClock.cs" line-rate="1" branch-rate="1" complexity="1">
                  <methods>
                    <method name="Now" signature="" line-rate="1" branch-rate="1" complexity="1">
                      <lines />
                    </method>
                  </methods>
                  <lines />
                </class>
                <class name="Shop.Services.OrderService" filename="Services/OrderService.cs" line-rate="0.6667" branch-rate="0.5556" complexity="9">
                  <methods>
                    <method name="Price" signature="" line-rate="0.8333" branch-rate="0.5" complexity="3">
                      <lines>
                        <line number="12" hits="3" branch="false" />
                        <line number="13" hits="3" branch="true" condition-coverage="50% (1/2)" />
                        <line number="14" hits="3" branch="false" />
                        <line number="15" hits="3" branch="true" condition-coverage="50% (1/2)" />
                        <line number="16" hits="0" branch="false" />
                        <line number="17" hits="3" branch="false" />
                      </lines>
                    </method>
                    <method name="Describe" signature="" line-rate="0.75" branch-rate="0.6667" complexity="3">
                      <lines>
                        <line number="22" hits="3" branch="true" condition-coverage="66% (2/3)" />
                        <line number="25" hits="2" branch="false" />
                        <line number="27" hits="0" branch="false" />
                        <line number="31" hits="1" branch="false" />
                      </lines>
                    </method>
                    <method name="Notify" signature="" line-rate="1" branch-rate="0.5" complexity="2">
                      <lines>
                        <line number="37" hits="1" branch="true" condition-coverage="50% (1/2)" />
                        <line number="38" hits="1" branch="false" />
                      </lines>
                    </method>
                    <method name="Unused" signature="" line-rate="0" branch-rate="1" complexity="1">
                      <lines>
                        <line number="43" hits="0" branch="false" />
                        <line number="44" hits="0" branch="false" />
                        <line number="46" hits="0" branch="false" />
                      </lines>
                    </method>
                  </methods>
                  <lines>
                    <line number="12" hits="3" branch="false" />
                    <line number="13" hits="3" branch="true" condition-coverage="50% (1/2)" />
                    <line number="14" hits="3" branch="false" />
                    <line number="15" hits="3" branch="true" condition-coverage="50% (1/2)" />
                    <line number="16" hits="0" branch="false" />
                    <line number="17" hits="3" branch="false" />
                    <line number="22" hits="3" branch="true" condition-coverage="66% (2/3)" />
                    <line number="25" hits="2" branch="false" />
                    <line number="27" hits="0" branch="false" />
                    <line number="31" hits="1" branch="false" />
                    <line number="37" hits="1" branch="true" condition-coverage="50% (1/2)" />
                    <line number="38" hits="1" branch="false" />
                    <line number="43" hits="0" branch="false" />
                    <line number="44" hits="0" branch="false" />
                    <line number="46" hits="0" branch="false" />
                  </lines>
                </class>
                <class name="Shop.Util" filename="Util.cs" line-rate="1" branch-rate="1" complexity="1">
                  <methods>
                    <method name="Twice" signature="" line-rate="1" branch-rate="1" complexity="1">
                      <lines>
                        <line number="5" hits="4" branch="false" />
                      </lines>
                    </method>
                  </methods>
                  <lines>
                    <line number="5" hits="4" branch="false" />
                  </lines>
                </class>
              </classes>
            </package>
            <package name="Shop.Data" line-rate="0.8" branch-rate="0.75" complexity="4">
              <classes>
                <class name="Shop.Data.Repo&lt;T&gt;" filename="Data/Repo.cs" line-rate="0.8" branch-rate="0.75" complexity="4">
                  <methods>
                    <method name="Repo" signature="" line-rate="1" branch-rate="1" complexity="1">
                      <lines>
                        <line number="3" hits="1" branch="false" />
                      </lines>
                    </method>
                    <method name="Find" signature="" line-rate="0.75" branch-rate="0.75" complexity="3">
                      <lines>
                        <line number="7" hits="1" branch="true" condition-coverage="50% (1/2)" />
                        <line number="8" hits="2" branch="true" condition-coverage="100% (2/2)" />
                        <line number="9" hits="1" branch="false" />
                        <line number="10" hits="0" branch="false" />
                      </lines>
                    </method>
                  </methods>
                  <lines>
                    <line number="3" hits="1" branch="false" />
                    <line number="7" hits="1" branch="true" condition-coverage="50% (1/2)" />
                    <line number="8" hits="2" branch="true" condition-coverage="100% (2/2)" />
                    <line number="9" hits="1" branch="false" />
                    <line number="10" hits="0" branch="false" />
                  </lines>
                </class>
              </classes>
            </package>
          </packages>
        </coverage>

        """;
}
