using Xunit;

namespace FlowCover.Tests.Validation;

/// <summary>
/// Every annotated line and branch of every validation target, exact, in Debug and Release.
/// A failure lists each line where the tool and the annotation disagree; the annotation is the
/// truth (docs/annotations.md).
/// </summary>
public sealed class ValidationTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var configuration in new[] { "Debug", "Release" })
            foreach (var file in Directory.GetFiles(TargetRun.TargetsDirectory, "*.cs").Order(StringComparer.Ordinal))
                data.Add(configuration, Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Target_coverage_matches_its_annotations(string configuration, string target)
    {
        var run = TargetRun.For(configuration);
        Assert.False(run.Failures.TryGetValue(target, out var failure), $"{target} threw: {failure}");
        var path = Path.Combine(TargetRun.TargetsDirectory, target + ".cs");
        var source = File.ReadAllText(path);
        var file = run.Result.Files.FirstOrDefault(f => f.Path == path);
        var differences = AnnotationComparer.Differences(Annotations.Parse(source), file).ToList();
        if (Annotations.ExpectedMethods(source) is { } methods)
        {
            var actual = file?.Methods.Where(m => m.Lines.Count > 0).Select(m => m.Name).Distinct().Order(StringComparer.Ordinal).ToList() ?? [];
            var expected = methods.Order(StringComparer.Ordinal).ToList();
            if (!actual.SequenceEqual(expected))
                differences.Add($"methods: expected [{string.Join(", ", expected)}], tool reports [{string.Join(", ", actual)}]");
        }
        var known = KnownGaps.For(configuration, target);
        var unexpected = differences.Except(known).ToList();
        var fixedGaps = known.Except(differences).ToList();
        Assert.True(unexpected.Count == 0, $"{configuration} {target}:\n" + string.Join('\n', unexpected));
        Assert.True(fixedGaps.Count == 0, $"{configuration} {target}: known gap no longer happens, remove it from KnownGaps.txt:\n" + string.Join('\n', fixedGaps));
    }
}
