using Xunit;

namespace FlowCover.Tests.Validation;

/// <summary>Outcomes are named as the user reads them: a <c>??</c> is null or not null, never a
/// reference's truth. Read from the validation targets' run (shared with ValidationTests).</summary>
public sealed class OutcomeLabelTests
{
    [Theory]
    [InlineData("Debug")]
    [InlineData("Release")]
    public void A_coalesce_is_null_or_not_null(string configuration)
    {
        var path = Path.Combine(TargetRun.TargetsDirectory, "ReleaseJumps.cs");
        var line = Array.FindIndex(File.ReadAllLines(path), l => l.Contains("e.ParamName ?? \"\"", StringComparison.Ordinal)) + 1;
        var file = TargetRun.For(configuration).Result.Files.Single(f => f.Path == path);
        var labels = file.Lines.Single(l => l.Line == line).Outcomes.Select(o => o.Label).Order(StringComparer.Ordinal);
        Assert.Equal(["not null", "null"], labels);
    }

    /// <summary>Release folds <c>if (c) continue;</c> into the condition's branch: the outcome still
    /// goes on to the <c>continue</c> line, as in Debug, not to the loop's increment.</summary>
    [Theory]
    [InlineData("Debug")]
    [InlineData("Release")]
    public void A_folded_jump_is_where_its_outcome_goes(string configuration)
    {
        var path = Path.Combine(TargetRun.TargetsDirectory, "ReleaseJumps.cs");
        var line = Array.FindIndex(File.ReadAllLines(path), l => l.Contains("if (i > 100)", StringComparison.Ordinal)) + 1;
        var file = TargetRun.For(configuration).Result.Files.Single(f => f.Path == path);
        Assert.Equal([line + 1, line + 2], file.Lines.Single(l => l.Line == line).Outcomes.Select(o => o.TargetLine).Order());
    }
}
