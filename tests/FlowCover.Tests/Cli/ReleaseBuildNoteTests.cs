using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Cli;

/// <summary>
/// A Release build has fewer lines than Debug (annotations.md, "Where the source decides"): the
/// run says so on the line that names what it measures, from a fresh instrumenting and from the
/// cache alike, and says nothing of the kind for a Debug build.
/// </summary>
public sealed class ReleaseBuildNoteTests
{
    private readonly FlowCoverProcess _flowcover = new();

    private static string Measuring(FlowCoverProcess.Result result) =>
        Assert.Single(result.Error.Split('\n'), l => l.StartsWith("flowcover: measuring ", StringComparison.Ordinal));

    private FlowCoverProcess.Result Run(TestApp app)
    {
        var result = _flowcover.Run(app.Directory, "run", "--target", app.BinDirectory, "--", "dotnet", app.Dll, "ok");
        Assert.True(result.ExitCode == 0, result.Error);
        return result;
    }

    [Fact]
    public void A_Release_build_is_named_with_what_it_leaves_out_fresh_and_cached()
    {
        var app = TestApp.Create("Workload", Workload.Source, OptimizationLevel.Release);

        var fresh = Measuring(Run(app));
        var cached = Measuring(Run(app));

        Assert.Matches(@"^flowcover: measuring Workload: 1 file, [1-9][0-9]* statements \(a Release build: a statement compiled into another's code, such as some `break;` or a twin `return`, is left out; measure Debug to see every line\)$", fresh);
        Assert.Equal(fresh, cached);
    }

    [Fact]
    public void A_Debug_build_gets_no_note()
    {
        var app = TestApp.Create("Workload", Workload.Source);

        Assert.Matches(@"^flowcover: measuring Workload: 1 file, [1-9][0-9]* statements$", Measuring(Run(app)));
    }
}
