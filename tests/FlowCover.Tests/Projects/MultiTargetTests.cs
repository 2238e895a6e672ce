using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Projects;

/// <summary>
/// A test project with <c>&lt;TargetFrameworks&gt;net10.0;net9.0&lt;/TargetFrameworks&gt;</c>:
/// flowcover tests it on the frameworks whose runtime is installed, says which it skips and
/// why, and --framework chooses one. The solution's second test project (of Shop.Pricing
/// alone) runs too when the solution is tested, its coverage combined with the first's.
/// </summary>
public sealed class MultiTargetTests(MultiTargetedSolution multi) : IClassFixture<MultiTargetedSolution>
{
    private readonly FlowCoverProcess _flowcover = new();
    private static readonly bool Net9Installed = TemplateProjects.Dotnet(Path.GetTempPath(), "--list-runtimes").Contains("Microsoft.NETCore.App 9.0.", StringComparison.Ordinal);

    [Fact]
    public void Tests_every_framework_that_runs_here()
    {
        var result = _flowcover.Run(multi.TestFolder, "test", "--data-file", Scratch.Folder("multi") + ".flowcover");
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Equal(TemplateProjects.ShopRows, TemplateProjects.TableRows(result.Output));
        Assert.Contains("(net10.0)", result.Output);
        if (Net9Installed)
            Assert.Contains("(net9.0)", result.Output);
        else
            Assert.Contains("flowcover: Shop.Tests.csproj: testing net10.0; skipping net9.0 (no .NET 9.0 runtime is installed) (choose with --framework)\n", result.Error);
    }

    [Fact]
    public void Framework_option_chooses_one_and_refuses_what_cannot_run()
    {
        // Both test projects of the solution, combined: Shop.Pricing.Tests takes the discount
        // that Shop.Tests does not.
        var chosen = _flowcover.Run(multi.Root, "test", "Multi.sln", "--framework", "net10.0", "--data-file", Scratch.Folder("net10") + ".flowcover");
        Assert.True(chosen.ExitCode == 0, chosen.Output + chosen.Error);
        Assert.Equal(["src/Shop.Core/Cart.cs 3 1 2 0 40%", "src/Shop.Pricing/Discount.cs 3 0 2 0 100%", "TOTAL 6 1 4 0 70%"],
            TemplateProjects.TableRows(chosen.Output));
        Assert.Contains("Shop.Pricing.Tests.dll (net10.0)", chosen.Output);
        Assert.Contains("Shop.Tests.dll (net10.0)", chosen.Output);
        Assert.DoesNotContain("skipping", chosen.Error);
        Assert.Single(chosen.Error.Split('\n'), l => l.StartsWith("flowcover: measuring Shop.Pricing:", StringComparison.Ordinal));

        var untargeted = _flowcover.Run(multi.Root, "test", "tests/Shop.Tests", "--framework", "net8.0");
        Assert.Equal(2, untargeted.ExitCode);
        Assert.Equal("flowcover: --framework net8.0: Shop.Tests.csproj does not target it (it targets net10.0, net9.0); pick one of those.\n", untargeted.Error);
        Assert.Equal("", untargeted.Output);

        if (!Net9Installed)
        {
            var missing = _flowcover.Run(multi.Root, "test", "tests/Shop.Tests", "--framework", "net9.0");
            Assert.Equal(2, missing.ExitCode);
            Assert.Equal("flowcover: --framework net9.0: cannot run tests on it here (no .NET 9.0 runtime is installed); install that runtime or pick another framework.\n", missing.Error);
        }
    }
}
