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
}
