using FlowCover.Tests.Validation;
using Xunit;

namespace FlowCover.Tests.Cli;

/// <summary>
/// <c>[ExcludeFromCodeCoverage]</c> always excludes; <c>--exclude-by-attribute</c> adds more
/// attributes, by name with or without the <c>Attribute</c> suffix. An excluded method takes its
/// lambdas, state machine and accessors with it, and an excluded type its nested types.
/// </summary>
public sealed class AttributeExclusionTests
{
    private const string Source = """
        using System;
        using System.CodeDom.Compiler;
        using System.Diagnostics.CodeAnalysis;
        using System.Threading.Tasks;

        [AttributeUsage(AttributeTargets.All)]
        public sealed class SkipCoverageAttribute : Attribute { }

        public static class Program
        {
            public static int Main()
            {
                var total = Kept(1) + Skipped(2) + SkippedAsync().GetAwaiter().GetResult() + Shown;
                total += new WholeClass().M() + new WholeClass.Nested().N() + Generated.G(1) + Hidden();
                return total > 0 ? 0 : 1;
            }

            public static int Kept(int x) => x * 2;

            [SkipCoverage]
            public static int Skipped(int x)
            {
                Func<int, int> f = y => y + 1;
                return f(x);
            }

            [SkipCoverage]
            public static async Task<int> SkippedAsync()
            {
                await Task.Yield();
                return 1;
            }

            [SkipCoverage]
            public static int Shown => 3;

            [ExcludeFromCodeCoverage]
            private static int Hidden() => 4;
        }

        [SkipCoverage]
        public class WholeClass
        {
            public int M() => 1;

            public class Nested
            {
                public int N() => 2;
            }
        }

        [GeneratedCode("a tool", "1.0")]
        public static class Generated
        {
            public static int G(int x) => x - 1;
        }
        """;

    private readonly FlowCoverProcess _flowcover = new();
    private readonly TestApp _app = TestApp.Create("Excluding", Source);

    [Fact]
    public void Only_ExcludeFromCodeCoverage_excludes_by_default()
    {
        Assert.Equal(
            ["Generated.G", "Program.Kept", "Program.Main", "Program.Shown.get", "Program.Skipped", $"Program.Skipped (lambda at line {LineOf("y => y + 1")})",
                "Program.SkippedAsync", "WholeClass.M", "WholeClass.Nested.N"],
            MethodsMeasured());
    }

    [Fact]
    public void Attributes_named_with_exclude_by_attribute_exclude_too_with_or_without_their_suffix()
    {
        Assert.Equal(["Program.Kept", "Program.Main"],
            MethodsMeasured("--exclude-by-attribute", "SkipCoverage", "--exclude-by-attribute", "GeneratedCodeAttribute"));
    }

    /// <summary>The methods <c>report --methods</c> lists after a run with these options, sorted.</summary>
    private List<string> MethodsMeasured(params string[] options)
    {
        var run = _flowcover.Run(_app.Directory, ["run", .. options, "--target", _app.BinDirectory, "--", "dotnet", _app.Dll]);
        Assert.True(run.ExitCode == 0, run.Error);
        var report = _flowcover.Run(_app.Directory, "report", "--methods");
        Assert.Equal(0, report.ExitCode);
        // A method's row is indented under its file; its name ends where the column padding starts.
        return report.Output.Split('\n')
            .Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("   ", StringComparison.Ordinal))
            .Select(l => l[2..].Split("  ")[0])
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static int LineOf(string text) => SourceText.LineOf(Source, text);
}
