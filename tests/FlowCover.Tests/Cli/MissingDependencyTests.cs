using FlowCover.Tests.Validation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Cli;

/// <summary>
/// An assembly whose constant (here a parameter's default value) is of an enum declared in
/// another assembly can only be rewritten with that assembly at hand. Found in a real target
/// (Microsoft.CodeAnalysis.CSharp.dll without Microsoft.CodeAnalysis.dll beside it): the run
/// ended in a stack trace. Now it is known before any file changes: the assembly is skipped
/// with one line naming what is missing, an error when it was named as the target.
/// </summary>
public sealed class MissingDependencyTests
{
    private const string PaletteSource = "namespace Palette; public enum Color { Red, Green }";

    // Reads the default value back from the assembly's own metadata: it exits 0 only when the
    // constant was written as it was compiled.
    private const string AppSource = """
        using System.Reflection;
        using Palette;

        static class Program
        {
            static int Main()
            {
                var color = typeof(Program).GetMethod(nameof(Paint), BindingFlags.NonPublic | BindingFlags.Static)!.GetParameters()[0].DefaultValue;
                return color is Color.Green && Paint() == Color.Green ? 0 : 1;
            }

            static Color Paint(Color color = Color.Green) => color;
        }
        """;

    private readonly FlowCoverProcess _flowcover = new();
    private readonly string _palette;
    private readonly TestApp _app;

    public MissingDependencyTests()
    {
        (_, _palette) = TargetCompiler.CompileSnippet("palette", "Palette", PaletteSource, OptimizationLevel.Debug);
        _app = TestApp.Create("Painter", AppSource, references: [_palette]);
    }

    [Fact]
    public void Named_as_the_target_it_is_one_error_line_and_nothing_changes()
    {
        var before = _app.Snapshot();
        var result = _flowcover.Run(_app.Directory, "run", "--target", _app.Dll, "--", "true");
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"flowcover: {_app.Dll}: cannot be measured: it needs Palette 0.0.0.0, which is neither beside it nor in the shared framework (instrument the build output it is in).", line);
        Assert.Equal(before, _app.Snapshot());
    }

    [Fact]
    public void Found_in_a_folder_it_is_skipped_with_a_warning()
    {
        var before = _app.Snapshot();
        var result = _flowcover.Run(_app.Directory, "run", "--target", _app.BinDirectory, "--", "true");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"flowcover: warning: skipping {_app.Dll}: it needs Palette 0.0.0.0", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Equal(before, _app.Snapshot());
    }

    [Fact]
    public void With_the_dependency_put_beside_it_the_constant_is_written_back_as_it_was()
    {
        // Skipped first, and the skip kept in the cache: the dependency's arrival is a new key.
        Assert.Contains("skipping", _flowcover.Run(_app.Directory, "run", "--target", _app.BinDirectory, "--", "true").Error);
        File.Copy(_palette, Path.Combine(_app.BinDirectory, "Palette.dll"));
        var before = _app.Snapshot();
        var result = _flowcover.Run(_app.Directory, "run", "--target", _app.BinDirectory, "--", "dotnet", _app.Dll);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotContain("warning", result.Error);
        Assert.Equal(before, _app.Snapshot());
        var report = _flowcover.Run(_app.Directory, "report", "--show-missing");
        Assert.Matches(@"Painter\.cs +\d+ +0 ", report.Output); // Every line ran, instrumented.
    }
}
