using Xunit;

namespace FlowCover.Tests.Validation;

/// <summary>A <c>??=</c> statement's outcomes are <c>null</c> and <c>not null</c>, as the
/// contract names them (docs/annotations.md), for a field and for a parameter. Read from the
/// validation targets' run (shared with ValidationTests).</summary>
public sealed class CoalesceAssignmentLabelTests
{
    [Theory]
    [InlineData("Debug", "_cache ??= new List<int>();")]
    [InlineData("Release", "_cache ??= new List<int>();")]
    [InlineData("Debug", "list ??= new List<int> { 1 };")]
    [InlineData("Release", "list ??= new List<int> { 1 };")]
    public void A_coalesce_assignment_is_null_or_not_null(string configuration, string statement)
    {
        var path = Path.Combine(TargetRun.TargetsDirectory, "CoalesceAssignment.cs");
        var line = Array.FindIndex(File.ReadAllLines(path), l => l.Contains(statement, StringComparison.Ordinal)) + 1;
        var file = TargetRun.For(configuration).Result.Files.Single(f => f.Path == path);
        var labels = file.Lines.Single(l => l.Line == line).Outcomes.Select(o => o.Label).Order(StringComparer.Ordinal);
        Assert.Equal(["not null", "null"], labels);
    }
}
