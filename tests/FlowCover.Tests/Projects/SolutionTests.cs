using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Projects;

/// <summary>
/// <c>flowcover test</c> on a solution made with the SDK's templates, with UseArtifactsOutput
/// (build output in artifacts/bin/&lt;Project&gt;/debug, which MSBuild reports and nothing
/// guesses): the same figures and names from the solution root, from the test project's
/// folder and from outside, measuring the projects the tests reference (Shop.Core, and
/// Shop.Pricing through it) and never the tests.
/// </summary>
public sealed class SolutionTests(ShopSolution shop) : IClassFixture<ShopSolution>
{
    private readonly FlowCoverProcess _flowcover = new();

    [Fact]
    public void Root_test_folder_and_elsewhere_give_the_same_figures()
    {
        var fromRoot = shop.FromRoot;
        Assert.True(fromRoot.ExitCode == 0, fromRoot.Output + fromRoot.Error);
        Assert.Equal(TemplateProjects.ShopRows, TemplateProjects.TableRows(fromRoot.Output));
        Assert.Contains("flowcover: measuring Shop.Core: 1 file, 3 statements\n", fromRoot.Error);
        Assert.Contains("flowcover: measuring Shop.Pricing: 1 file, 3 statements\n", fromRoot.Error);
        Assert.DoesNotContain("Shop.Tests:", fromRoot.Error);

        var fromTestFolder = _flowcover.Run(shop.TestFolder, "test", "--data-file", Data("test-folder"));
        Assert.True(fromTestFolder.ExitCode == 0, fromTestFolder.Output + fromTestFolder.Error);
        Assert.Equal(TemplateProjects.ShopRows, TemplateProjects.TableRows(fromTestFolder.Output));

        var elsewhere = Scratch.Folder("elsewhere");
        Directory.CreateDirectory(elsewhere);
        var fromElsewhere = _flowcover.Run(elsewhere, "test", Path.Combine(shop.Root, "Shop.slnx"), "--data-file", Data("elsewhere"));
        Assert.True(fromElsewhere.ExitCode == 0, fromElsewhere.Output + fromElsewhere.Error);
        Assert.Equal(TemplateProjects.ShopRows, TemplateProjects.TableRows(fromElsewhere.Output));

        // The report verb names files from the repository root of the folder it runs in.
        var report = _flowcover.Run(shop.TestFolder, "report", "--data-file", shop.FromRootData);
        Assert.Equal(TemplateProjects.ShopRows, TemplateProjects.TableRows(report.Output));
    }

    [Fact]
    public void Include_alone_picks_an_assembly_whose_sources_are_outside_the_current_folder()
    {
        var result = _flowcover.Run(shop.TestFolder, "test", "Shop.Tests.csproj", "--include", "Shop.Pricing.dll", "--data-file", Data("include"));
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Equal(["src/Shop.Pricing/Discount.cs 3 1 2 1 60%", "TOTAL 3 1 2 1 60%"], TemplateProjects.TableRows(result.Output));
    }

    [Fact]
    public void Report_verbs_omit_and_pick_sources_after_the_run()
    {
        var data = shop.FromRootData;
        Assert.True(shop.FromRoot.ExitCode == 0, shop.FromRoot.Output + shop.FromRoot.Error);
        var omitted = _flowcover.Run(shop.Root, "report", "--data-file", data, "--omit", "**/Shop.Core/**");
        Assert.Equal(["src/Shop.Pricing/Discount.cs 3 1 2 1 60%", "TOTAL 3 1 2 1 60%"], TemplateProjects.TableRows(omitted.Output));
        var lcov = Scratch.Folder("lcov") + ".info";
        var picked = _flowcover.Run(shop.Root, "lcov", "--data-file", data, "--source", "src/Shop.Core/**", "-o", lcov);
        Assert.True(picked.ExitCode == 0, picked.Output + picked.Error);
        Assert.Equal(["SF:src/Shop.Core/Cart.cs"], File.ReadAllLines(lcov).Where(l => l.StartsWith("SF:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Config_file_is_honoured_and_the_command_line_overrides_it()
    {
        // In the test project's folder: found from there, not from the solution root, where
        // the class's other tests run.
        var config = Path.Combine(shop.TestFolder, "flowcover.json");
        File.WriteAllText(config, """
            {
              "$schema": "../../flowcover-config.schema.json",
              "omit": ["**/Shop.Pricing/**"],
              "showMissing": true,
              "dataFile": "out/coverage.flowcover",
              "reports": { "xml": "out/coverage.cobertura.xml", "markdown": "out/coverage.md" }
            }
            """);
        Directory.CreateDirectory(Path.Combine(shop.TestFolder, "out"));
        try
        {
            var honoured = _flowcover.Run(shop.TestFolder, "test");
            Assert.True(honoured.ExitCode == 0, honoured.Output + honoured.Error);
            Assert.Equal(["src/Shop.Core/Cart.cs 3 1 2 0 40% 13", "TOTAL 3 1 2 0 40%"], TemplateProjects.TableRows(honoured.Output));
            Assert.True(File.Exists(Path.Combine(shop.TestFolder, "out/coverage.flowcover")));
            var xml = File.ReadAllText(Path.Combine(shop.TestFolder, "out/coverage.cobertura.xml"));
            Assert.Contains("filename=\"src/Shop.Core/Cart.cs\"", xml);
            Assert.Contains($"<source>{shop.Root}</source>", xml);
            Assert.Contains("| src/Shop.Core/Cart.cs |", File.ReadAllText(Path.Combine(shop.TestFolder, "out/coverage.md")));

            var overridden = _flowcover.Run(shop.TestFolder, "test", "--omit", "**/obj/**", "--data-file", Data("override"));
            Assert.True(overridden.ExitCode == 0, overridden.Output + overridden.Error);
            Assert.Equal(["src/Shop.Core/Cart.cs 3 1 2 0 40% 13", "src/Shop.Pricing/Discount.cs 3 1 2 1 60% 8", "TOTAL 6 2 4 1 50%"],
                TemplateProjects.TableRows(overridden.Output));
        }
        finally
        {
            File.Delete(config);
        }
    }

    /// <summary>A new data file path (each call another).</summary>
    private static string Data(string name) => Scratch.Folder(name) + ".flowcover";

    [Fact]
    public void Test_waits_for_a_run_that_holds_its_test_output_folder()
    {
        // flowcover test instruments the referenced assemblies in the test project's output
        // folder, so it must take that folder's lock like a run whose --target it is.
        var output = Path.Combine(shop.Root, "artifacts", "bin", "Shop.Tests", "debug");
        var started = Scratch.Folder("held") + ".started";
        var go = started + ".go";
        using var holder = _flowcover.Start(shop.Root, "run", "--target", output, "--data-file", Scratch.Folder("held") + ".flowcover",
            "--", "bash", "-c", $"touch '{started}'; until [ -f '{go}' ]; do sleep 0.1; done");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(started) && !holder.HasExited && waited.Elapsed < TimeSpan.FromMinutes(3))
            Thread.Sleep(100);
        Assert.True(File.Exists(started), holder.HasExited ? holder.StandardError.ReadToEnd() : "the holding run's command never started");

        var second = _flowcover.Run(shop.Root, new Dictionary<string, string> { ["FLOWCOVER_LOCK_TIMEOUT"] = "0" },
            "test", "--data-file", Scratch.Folder("second") + ".flowcover");
        File.WriteAllText(go, "");
        Assert.True(holder.WaitForExit(TimeSpan.FromMinutes(3)));

        Assert.Equal(2, second.ExitCode);
        Assert.Contains($"flowcover: {output}: another flowcover run (pid {holder.Id}) is measuring it", second.Error, StringComparison.Ordinal);
    }
}
